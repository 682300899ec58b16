-- Daily start limit: takes the user's one slot of the UTC day, atomically.
-- KEYS[1] start:{userId}:{yyyy-mm-dd}   ARGV[1] slot token   ARGV[2] milliseconds until the next 00:00 UTC
-- Returns 1 when the slot was free and is now taken, 0 when it was already taken today.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
    return 1
end
return 0
