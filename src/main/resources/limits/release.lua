-- Gives a slot back (the session insert failed), only if it is still ours.
-- KEYS[1] slot key   ARGV[1] slot token
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
