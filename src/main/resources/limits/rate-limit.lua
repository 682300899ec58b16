-- Request rate limit, fixed window: counts one request, atomically.
-- KEYS[1] rl:{bucket}:{subject}:{window index}   ARGV[1] window length (ms)
-- Returns the number of requests in this window so far, this one included.
local n = redis.call('INCR', KEYS[1])
if n == 1 then
    redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return n
