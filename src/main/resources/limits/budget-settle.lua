-- Cost budget: replace a reservation by the real cost of the call, atomically (amounts in micro-USD).
-- KEYS as budget-reserve.lua   ARGV[1] reservation id   ARGV[2] actual cost   ARGV[3] key ttl (ms)
-- Returns the day's spend after settling. A reservation already expired is simply not subtracted again.
-- The amount stays a string: as a Lua number, 0 would be sent as "-0", which Redis refuses as "not an integer".
local amount = redis.call('HGET', KEYS[3], ARGV[1])
if amount then
    if amount ~= '0' then
        redis.call('HINCRBY', KEYS[1], 'reserved', '-' .. amount)
    end
    redis.call('HDEL', KEYS[3], ARGV[1])
    redis.call('ZREM', KEYS[2], ARGV[1])
end
local spent = redis.call('HINCRBY', KEYS[1], 'spent', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return spent
