-- Cost budget: reserve the expected cost of one LLM call, atomically (amounts in micro-USD).
-- KEYS[1] totals hash {spent, reserved}   KEYS[2] zset reservation id -> deadline (ms)   KEYS[3] hash reservation id -> amount
-- ARGV[1] reservation id   ARGV[2] expected   ARGV[3] limit   ARGV[4] now (ms)   ARGV[5] reservation ttl (ms)   ARGV[6] key ttl (ms)
-- Returns {1, spent, reserved} when reserved, {0, spent, reserved} when spent + reserved + expected would pass the limit.

-- Subtracts a stored amount. It stays a string: as a Lua number, 0 would be sent as "-0" and a large amount in exponent
-- notation, and Redis refuses both as "not an integer" (which the service would take for an outage).
local function subtract(key, field, amount)
    if amount ~= '0' then
        redis.call('HINCRBY', key, field, '-' .. amount)
    end
end

-- Reservations never settled (a crashed call) stop counting after their deadline.
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
for _, id in ipairs(stale) do
    local amount = redis.call('HGET', KEYS[3], id)
    if amount then
        subtract(KEYS[1], 'reserved', amount)
        redis.call('HDEL', KEYS[3], id)
    end
    redis.call('ZREM', KEYS[2], id)
end

local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
local expected = tonumber(ARGV[2])
if spent + reserved + expected > tonumber(ARGV[3]) then
    return {0, spent, reserved}
end
redis.call('HINCRBY', KEYS[1], 'reserved', ARGV[2])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], tonumber(ARGV[4]) + tonumber(ARGV[5]), ARGV[1])
for i = 1, 3 do
    redis.call('PEXPIRE', KEYS[i], ARGV[6])
end
return {1, spent, reserved + expected}
