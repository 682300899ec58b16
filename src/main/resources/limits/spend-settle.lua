-- Cost budgets: replace a reservation by the real cost of the call on every budget it was made on, atomically
-- (micro-USD). KEYS as spend-reserve.lua   ARGV[1] reservation id   ARGV[2] actual cost   ARGV[3] key ttl (ms)
-- A reservation already expired is not subtracted again; the cost is counted either way. Returns 1.
local actual = tonumber(ARGV[2])
for b = 0, #KEYS / 3 - 1 do
    local totals, deadlines, amounts = KEYS[3 * b + 1], KEYS[3 * b + 2], KEYS[3 * b + 3]
    local amount = tonumber(redis.call('HGET', amounts, ARGV[1]) or '0')
    if amount > 0 then
        redis.call('HINCRBY', totals, 'reserved', 0 - amount)
    end
    redis.call('HDEL', amounts, ARGV[1])
    redis.call('ZREM', deadlines, ARGV[1])
    -- Always counted, 0 included ("0", never "-0"): a settled call shows in the totals.
    redis.call('HINCRBY', totals, 'spent', math.max(0, actual))
    redis.call('PEXPIRE', totals, ARGV[3])
end
return 1
