package dev.bigocean.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.web.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * One new assessment per authenticated user per UTC day, decided atomically in Redis (a Lua {@code SET NX} that
 * expires at the next 00:00 UTC). {@link #acquire} takes the day's slot or answers 429 {@code RateLimitExceeded};
 * the caller inserts the session and {@link #release}s the slot if that fails, so that no session exists without a
 * slot and no slot is lost to a failed insert. While Redis is down the slot is taken in memory on this instance, and
 * remembered there for the rest of the day even after Redis returns.
 */
@ApplicationScoped
public class DailyStartLimit {

    private static final String TAKE = RedisGuard.script("daily-start.lua");
    private static final String RELEASE = RedisGuard.script("release.lua");

    /** The day's slot of a user. */
    public record Slot(String key, String token, boolean local) {
    }

    private final RedisGuard redis;
    private final Map<String, String> localSlots = new ConcurrentHashMap<>();
    private volatile LocalDate localDay = UtcDays.today();

    DailyStartLimit(RedisGuard redis) {
        this.redis = redis;
    }

    /** Takes today's slot of {@code userId}, or fails with 429 {@code RateLimitExceeded} (resetAt: next 00:00 UTC). */
    public Uni<Slot> acquire(UUID userId) {
        LocalDate day = UtcDays.today();
        forgetOtherDays(day);
        String key = key(userId, day);
        String token = UUID.randomUUID().toString();
        Instant resetAt = UtcDays.endOf(day);
        if (localSlots.containsKey(key)) {
            return Uni.createFrom().failure(refused(userId, resetAt));
        }
        long ttl = Math.max(1, Duration.between(Instant.now(), resetAt).toMillis());
        return redis.eval(TAKE, List.of(key), List.of(token, String.valueOf(ttl)),
                reply -> reply.toInteger() == 1 ? new Slot(key, token, false) : null,
                () -> localSlots.putIfAbsent(key, token) == null ? new Slot(key, token, true) : null)
                .onItem().ifNull().failWith(() -> refused(userId, resetAt));
    }

    /** Gives the slot back (the session could not be stored). */
    public Uni<Void> release(Slot slot) {
        if (slot.local()) {
            localSlots.remove(slot.key(), slot.token());
            return Uni.createFrom().voidItem();
        }
        return redis.eval(RELEASE, List.of(slot.key()), List.of(slot.token()), reply -> true, () -> false).replaceWithVoid();
    }

    /** Forgets the slots of an erased user (today's and yesterday's keys), here and in Redis. */
    public Uni<Void> forget(UUID userId) {
        LocalDate day = UtcDays.today();
        List<String> keys = List.of(key(userId, day), key(userId, day.minusDays(1)));
        keys.forEach(localSlots::remove);
        return redis.delete(keys).replaceWithVoid();
    }

    private static String key(UUID userId, LocalDate day) {
        return "start:" + userId + ":" + day;
    }

    private static ApiException refused(UUID userId, Instant resetAt) {
        return ApiException.rateLimitExceeded(userId.toString(), resetAt,
                Math.max(1, Duration.between(Instant.now(), resetAt).toSeconds()),
                "You can start one new assessment per day; the next one is possible from " + resetAt);
    }

    private void forgetOtherDays(LocalDate day) {
        if (!day.equals(localDay)) {
            localDay = day;
            String suffix = ":" + day;
            localSlots.keySet().removeIf(k -> !k.endsWith(suffix));
        }
    }
}
