-- Cost budgets: reserve the expected cost of one LLM call against every budget it is charged to (the user's or the
-- anonymous session's, the anonymous client's, the whole service's), atomically: either all or none (micro-USD).
-- Per budget i (0-based), KEYS[3i+1] totals hash {spent, reserved}, KEYS[3i+2] zset reservation id -> deadline (ms),
-- KEYS[3i+3] hash reservation id -> amount.
-- ARGV[1] reservation id   ARGV[2] expected   ARGV[3] now (ms)   ARGV[4] reservation ttl (ms)   ARGV[5] key ttl (ms)
-- ARGV[6..] the limit of each budget, in KEYS order.
-- Returns {1} when reserved on all, {0, i, spent} when budget i (1-based) would pass its limit.
local budgets = #KEYS / 3
local expected = tonumber(ARGV[2])
local spent = {}
for b = 0, budgets - 1 do
    local totals, deadlines, amounts = KEYS[3 * b + 1], KEYS[3 * b + 2], KEYS[3 * b + 3]
    -- Reservations never settled (a crashed call) stop counting after their deadline.
    local stale = redis.call('ZRANGEBYSCORE', deadlines, '-inf', ARGV[3])
    for _, id in ipairs(stale) do
        local amount = tonumber(redis.call('HGET', amounts, id) or '0')
        if amount > 0 then
            redis.call('HINCRBY', totals, 'reserved', 0 - amount)
        end
        redis.call('HDEL', amounts, id)
        redis.call('ZREM', deadlines, id)
    end
    local s = tonumber(redis.call('HGET', totals, 'spent') or '0')
    local r = tonumber(redis.call('HGET', totals, 'reserved') or '0')
    if s + r + expected > tonumber(ARGV[6 + b]) then
        return {0, b + 1, s}
    end
    spent[b + 1] = s
end
for b = 0, budgets - 1 do
    local totals, deadlines, amounts = KEYS[3 * b + 1], KEYS[3 * b + 2], KEYS[3 * b + 3]
    redis.call('HINCRBY', totals, 'reserved', expected)
    redis.call('HSET', amounts, ARGV[1], expected)
    redis.call('ZADD', deadlines, tonumber(ARGV[3]) + tonumber(ARGV[4]), ARGV[1])
    for k = 1, 3 do
        redis.call('PEXPIRE', KEYS[3 * b + k], ARGV[5])
    end
end
return {1}
