package dev.bigocean.limits;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Fixed-window request counters in Redis (one Lua script: INCR, and expire with the window). While Redis is down,
 * counters live in memory on this instance with {@code bigocean.outage.share} of each limit.
 */
@ApplicationScoped
class RateLimiter {

    private static final String HIT = RedisGuard.script("rate-limit.lua");

    /** Whether this request is within the limit, and when the window resets. */
    record Decision(boolean allowed, Instant resetAt) {
    }

    private final RedisGuard redis;
    private final LimitsConfig.RateLimit config;
    private final LimitsConfig.Outage outage;
    private final Map<String, AtomicInteger> local = new ConcurrentHashMap<>();
    private volatile long localWindow = -1;

    RateLimiter(RedisGuard redis, LimitsConfig.RateLimit config, LimitsConfig.Outage outage) {
        this.redis = redis;
        this.config = config;
        this.outage = outage;
    }

    /** Counts one request of {@code subject} in {@code bucket}, allowed while at most {@code limit} per window. */
    Uni<Decision> hit(String bucket, String subject, int limit) {
        long windowMillis = Math.max(1000, config.window().toMillis());
        long now = System.currentTimeMillis();
        long window = now / windowMillis;
        Instant resetAt = Instant.ofEpochMilli((window + 1) * windowMillis);
        String key = "rl:" + bucket + ":" + subject + ":" + window;
        return redis.eval(HIT, List.of(key), List.of(String.valueOf(windowMillis)),
                reply -> new Decision(reply.toLong() <= limit, resetAt),
                () -> new Decision(localCount(key, window) <= Math.max(1, (int) Math.ceil(limit * outage.share())), resetAt));
    }

    private int localCount(String key, long window) {
        if (window != localWindow) {
            localWindow = window;
            String suffix = ":" + window;
            local.keySet().removeIf(k -> !k.endsWith(suffix));
        }
        return local.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
}
