package dev.bigocean.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.bigocean.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The daily cost budget of LLM calls: per user per UTC day (anonymous: per assessment session), default $75, kept in
 * Redis in micro-USD (reported in cents). Around every model call:
 *
 * <pre>
 * budget.reserve(CostBudget.key(userId, sessionId), budget.worstCaseCostMicros(model, promptChars, maxOutputTokens))
 *     → call the model →
 * budget.settle(reservation, budget.costMicros(model, usage.input, usage.output))   // or release(reservation) on failure
 * </pre>
 *
 * {@link #reserve} is atomic (one Lua script): when spend + open reservations + the expected cost would pass the limit
 * it fails with 503 {@code CostLimitExceeded {dailySpend, limit}}. {@link #settle} atomically replaces the reservation
 * by the real cost. Reserving the worst case (the call's max output tokens) keeps the settled spend within the limit
 * however many calls run in parallel. While Redis is down, a per-instance ledger grants only
 * {@code bigocean.outage.share} of the limit, so spend stays bounded.
 */
@ApplicationScoped
public class CostBudget {

    private static final Logger LOG = Logger.getLogger(CostBudget.class);
    private static final String RESERVE = RedisGuard.script("budget-reserve.lua");
    private static final String SETTLE = RedisGuard.script("budget-settle.lua");
    private static final long MICROS_PER_CENT = 10_000;

    /** An open reservation: settle or release it exactly once. */
    public record Reservation(String budgetKey, String day, String id, long expectedMicros, boolean local) {
    }

    private final RedisGuard redis;
    private final Pricing pricing;
    private final LimitsConfig.Budget config;
    private final LimitsConfig.Outage outage;
    private final MeterRegistry metrics;
    private final Map<String, LocalLedger> local = new ConcurrentHashMap<>();

    CostBudget(RedisGuard redis, Pricing pricing, LimitsConfig.Budget config, LimitsConfig.Outage outage, MeterRegistry metrics) {
        this.redis = redis;
        this.pricing = pricing;
        this.config = config;
        this.outage = outage;
        this.metrics = metrics;
    }

    /** The budget a call is charged to: the user's, or the anonymous session's. */
    public static String key(UUID userId, UUID sessionId) {
        return userId != null ? "user:" + userId : "session:" + sessionId;
    }

    /**
     * Cost of a call in micro-USD at the configured price of {@code model} (offline models cost 0); the token usage is
     * recorded in metrics ({@code bigocean.llm.tokens}, {@code bigocean.llm.cost.micros}) either way.
     */
    public long costMicros(String model, long inputTokens, long outputTokens) {
        long cost = pricing.costMicros(model, inputTokens, outputTokens);
        String name = model == null ? "unknown" : model;
        metrics.counter("bigocean.llm.tokens", "model", name, "kind", "input").increment(Math.max(0, inputTokens));
        metrics.counter("bigocean.llm.tokens", "model", name, "kind", "output").increment(Math.max(0, outputTokens));
        metrics.counter("bigocean.llm.cost.micros", "model", name).increment(cost);
        return cost;
    }

    /**
     * The most a call can cost, for its reservation (no metrics): a prompt of {@code promptChars} at a conservative
     * 3 characters a token (rounded up), plus the most output it may produce. Reserving this worst case keeps the
     * settled spend within the daily limit.
     */
    public long worstCaseCostMicros(String model, long promptChars, long maxOutputTokens) {
        return pricing.costMicros(model, worstCaseTokens(promptChars), maxOutputTokens);
    }

    /** Tokens of a prompt of {@code chars} characters, counted conservatively (3 characters a token, rounded up). */
    public static long worstCaseTokens(long chars) {
        return (Math.max(0, chars) + 2) / 3;
    }

    public long limitCents() {
        return config.dailyLimitCents();
    }

    /** Reserves {@code expectedCostMicros} on the budget, or fails with 503 {@code CostLimitExceeded}. */
    public Uni<Reservation> reserve(String budgetKey, long expectedCostMicros) {
        long expected = Math.max(0, expectedCostMicros);
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        String id = UUID.randomUUID().toString();
        long limit = config.dailyLimitCents() * MICROS_PER_CENT;
        long now = System.currentTimeMillis();
        return redis.eval(RESERVE, keys(budgetKey, day),
                List.of(id, String.valueOf(expected), String.valueOf(limit), String.valueOf(now),
                        String.valueOf(config.reservationTtl().toMillis()), String.valueOf(keyTtlMillis())),
                reply -> reply.get(0).toInteger() == 1
                        ? Decision.granted(new Reservation(budgetKey, day, id, expected, false))
                        : Decision.refused(reply.get(1).toLong()),
                () -> ledger(budgetKey, day).reserve(id, expected, (long) (limit * outage.share()), now,
                        config.reservationTtl().toMillis(), new Reservation(budgetKey, day, id, expected, true)))
                .map(decision -> {
                    if (decision.reservation() == null) {
                        metrics.counter("bigocean.budget.refused").increment();
                        throw ApiException.costLimitExceeded(cents(decision.spentMicros()), config.dailyLimitCents());
                    }
                    return decision.reservation();
                });
    }

    /** Replaces the reservation by the call's real cost. */
    public Uni<Void> settle(Reservation reservation, long actualCostMicros) {
        long actual = Math.max(0, actualCostMicros);
        if (reservation.local()) {
            ledger(reservation.budgetKey(), reservation.day()).settle(reservation.id(), actual);
            return Uni.createFrom().voidItem();
        }
        return redis.eval(SETTLE, keys(reservation.budgetKey(), reservation.day()),
                List.of(reservation.id(), String.valueOf(actual), String.valueOf(keyTtlMillis())),
                reply -> true,
                () -> {
                    // Reserved in Redis, settled while it is away: count the spend here; the Redis reservation expires.
                    LOG.debugf("Settling %s locally: Redis unavailable", reservation.budgetKey());
                    ledger(reservation.budgetKey(), reservation.day()).settle(reservation.id(), actual);
                    return false;
                })
                .replaceWithVoid();
    }


    /** Gives a reservation back without cost (the call failed before using any tokens). */
    public Uni<Void> release(Reservation reservation) {
        return settle(reservation, 0);
    }

    /** Forgets a budget (an erased user or session): today's and yesterday's counters, here and in Redis. */
    public Uni<Void> forget(String budgetKey) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> keys = new java.util.ArrayList<>();
        for (LocalDate day : List.of(today, today.minusDays(1))) {
            keys.addAll(keys(budgetKey, day.toString()));
            local.remove(budgetKey + "|" + day);
        }
        return redis.delete(keys).replaceWithVoid();
    }

    private static List<String> keys(String budgetKey, String day) {
        String tag = "budget:{" + budgetKey + ":" + day + "}";
        return List.of(tag + ":totals", tag + ":deadlines", tag + ":amounts");
    }

    /** Budget keys live until the end of the next UTC day. */
    private static long keyTtlMillis() {
        Instant end = LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Math.max(1, Duration.between(Instant.now(), end).toMillis());
    }

    static long cents(long micros) {
        return (micros + MICROS_PER_CENT - 1) / MICROS_PER_CENT;
    }

    private LocalLedger ledger(String budgetKey, String day) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        if (local.size() > 10_000) {
            local.keySet().removeIf(k -> !k.endsWith("|" + today));
        }
        return local.computeIfAbsent(budgetKey + "|" + day, k -> new LocalLedger());
    }

    private record Decision(Reservation reservation, long spentMicros) {
        static Decision granted(Reservation r) {
            return new Decision(r, 0);
        }

        static Decision refused(long spent) {
            return new Decision(null, spent);
        }
    }

    /** The in-memory fallback of one budget and day on this instance. */
    private static final class LocalLedger {
        private long spent;
        private long reserved;
        private final Map<String, long[]> open = new HashMap<>(); // id -> {amount, deadline}

        synchronized Decision reserve(String id, long expected, long limit, long now, long ttl, Reservation reservation) {
            open.entrySet().removeIf(e -> {
                if (e.getValue()[1] <= now) {
                    reserved -= e.getValue()[0];
                    return true;
                }
                return false;
            });
            if (spent + reserved + expected > limit) {
                return Decision.refused(spent);
            }
            reserved += expected;
            open.put(id, new long[] { expected, now + ttl });
            return Decision.granted(reservation);
        }

        synchronized void settle(String id, long actual) {
            long[] entry = open.remove(id);
            if (entry != null) {
                reserved -= entry[0];
            }
            spent += actual;
        }
    }
}
