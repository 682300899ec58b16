package dev.bigocean.limits;

import dev.bigocean.web.ClientAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * The daily cost budgets of LLM calls, kept in Redis in micro-USD (reported in cents) per UTC day. Every call is charged
 * to its payer's budget — the user's, or the anonymous session's (default $75) — and, for an anonymous session, to the
 * budget of the client address that calls (default $25, so that starting new sessions does not reset an anonymous
 * caller's spending), and always to the service's global daily ceiling (default $500). Around every model call:
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
    private static final String RESERVE = RedisGuard.script("spend-reserve.lua");
    private static final String SETTLE = RedisGuard.script("spend-settle.lua");
    private static final long MICROS_PER_CENT = 10_000;
    /** The budget of the whole service. */
    static final String GLOBAL = "global";

    /** An open reservation on {@code budgets} (the payer's first): settle or release it exactly once. */
    public record Reservation(String budgetKey, String day, String id, long expectedMicros, boolean local,
            List<String> budgets) {
    }

    private final RedisGuard redis;
    private final Pricing pricing;
    private final LimitsConfig.Budget config;
    private final LimitsConfig.Outage outage;
    private final MeterRegistry metrics;
    private final ClientAddress clients;
    private final Map<String, LocalLedger> local = new ConcurrentHashMap<>();

    CostBudget(RedisGuard redis, Pricing pricing, LimitsConfig.Budget config, LimitsConfig.Outage outage, MeterRegistry metrics,
            ClientAddress clients) {
        this.clients = clients;
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
     * The budget of an anonymous client address: {@code client:} and a SHA-256 prefix of the address (IPv6: of its /64,
     * which one subscriber usually holds whole), so that no address is stored in the clear.
     */
    public static String clientKey(String ip) {
        return "client:" + ClientAddress.pseudonym(ip);
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
    static long worstCaseTokens(long chars) {
        return (Math.max(0, chars) + 2) / 3;
    }

    public long limitCents() {
        return config.dailyLimitCents();
    }

    /**
     * Reserves {@code expectedCostMicros} on {@code budgetKey}, on the global ceiling and — for an anonymous session's
     * call made within a request — on the calling client's budget; or fails with 503 {@code CostLimitExceeded}.
     */
    public Uni<Reservation> reserve(String budgetKey, long expectedCostMicros) {
        return reserve(budgetKey, clients.currentIp().map(CostBudget::clientKey).orElse(null), expectedCostMicros);
    }

    /**
     * Reserves {@code expectedCostMicros} atomically on every budget the call is charged to: {@code budgetKey}, the
     * anonymous client's {@code clientKey} (ignored for a user's call; null: none) and the global ceiling. When one of
     * them would pass its limit nothing is reserved and the call fails with 503 {@code CostLimitExceeded
     * {dailySpend, limit}} of that budget, and {@code Retry-After} until the next 00:00 UTC, when today's budgets end.
     */
    public Uni<Reservation> reserve(String budgetKey, String clientKey, long expectedCostMicros) {
        long expected = Math.max(0, expectedCostMicros);
        LocalDate today = UtcDays.today();
        String day = today.toString();
        String id = UUID.randomUUID().toString();
        List<String> budgets = budgets(budgetKey, clientKey);
        List<Long> limits = budgets.stream().map(this::limitMicros).toList();
        long now = System.currentTimeMillis();
        List<String> keys = new ArrayList<>();
        budgets.forEach(b -> keys.addAll(keys(b, day)));
        List<String> args = new ArrayList<>(List.of(id, String.valueOf(expected), String.valueOf(now),
                String.valueOf(config.reservationTtl().toMillis()), String.valueOf(keyTtlMillis())));
        limits.forEach(l -> args.add(String.valueOf(l)));
        return redis.eval(RESERVE, keys, args,
                reply -> reply.get(0).toInteger() == 1
                        ? Decision.granted(new Reservation(budgetKey, day, id, expected, false, budgets))
                        : Decision.refused(budgets.get(reply.get(1).toInteger() - 1), reply.get(2).toLong()),
                () -> reserveLocally(budgets, limits, day, id, expected, now))
                .map(decision -> {
                    if (decision.reservation() == null) {
                        String refusing = decision.budget();
                        metrics.counter("bigocean.budget.refused", "budget", kind(refusing)).increment();
                        throw ApiException.costLimitExceeded(cents(decision.spentMicros()), limitMicros(refusing) / MICROS_PER_CENT,
                                message(refusing), UtcDays.endOf(today));
                    }
                    return decision.reservation();
                });
    }

    /** The payer's budget, the anonymous client's (if any), and the global ceiling. */
    private static List<String> budgets(String budgetKey, String clientKey) {
        List<String> budgets = new ArrayList<>(3);
        budgets.add(budgetKey);
        if (clientKey != null && budgetKey.startsWith("session:")) {
            budgets.add(clientKey);
        }
        budgets.add(GLOBAL);
        return budgets;
    }

    private long limitMicros(String budget) {
        long cents = budget.equals(GLOBAL) ? config.globalDailyLimitCents()
                : budget.startsWith("client:") ? config.clientDailyLimitCents() : config.dailyLimitCents();
        return cents * MICROS_PER_CENT;
    }

    private static String kind(String budget) {
        return budget.substring(0, budget.indexOf(':') < 0 ? budget.length() : budget.indexOf(':'));
    }

    private static String message(String budget) {
        if (budget.equals(GLOBAL)) {
            return "The service has reached its daily spending ceiling; please try again tomorrow (UTC)";
        }
        if (budget.startsWith("client:")) {
            return "Anonymous use from your network has reached its daily spending limit; sign in or try again tomorrow (UTC)";
        }
        return "Daily cost budget exceeded";
    }

    private Decision reserveLocally(List<String> budgets, List<Long> limits, String day, String id, long expected, long now) {
        long ttl = config.reservationTtl().toMillis();
        synchronized (local) {
            List<LocalLedger> ledgers = budgets.stream().map(b -> ledger(b, day)).toList();
            for (int i = 0; i < ledgers.size(); i++) {
                LocalLedger ledger = ledgers.get(i);
                ledger.expire(now);
                if (!ledger.fits(expected, (long) (limits.get(i) * outage.share()))) {
                    return Decision.refused(budgets.get(i), ledger.spent);
                }
            }
            ledgers.forEach(ledger -> ledger.hold(id, expected, now + ttl));
        }
        return Decision.granted(new Reservation(budgets.get(0), day, id, expected, true, budgets));
    }

    /** Replaces the reservation by the call's real cost, on every budget it was made on. */
    public Uni<Void> settle(Reservation reservation, long actualCostMicros) {
        long actual = Math.max(0, actualCostMicros);
        if (reservation.local()) {
            settleLocally(reservation, actual);
            return Uni.createFrom().voidItem();
        }
        List<String> keys = new ArrayList<>();
        reservation.budgets().forEach(b -> keys.addAll(keys(b, reservation.day())));
        return redis.eval(SETTLE, keys, List.of(reservation.id(), String.valueOf(actual), String.valueOf(keyTtlMillis())),
                reply -> true,
                () -> {
                    // Reserved in Redis, settled while it is away: count the spend here; the Redis reservation expires.
                    LOG.debugf("Settling %s locally: Redis unavailable", reservation.budgetKey());
                    settleLocally(reservation, actual);
                    return false;
                })
                .replaceWithVoid();
    }

    private void settleLocally(Reservation reservation, long actual) {
        synchronized (local) {
            reservation.budgets().forEach(b -> ledger(b, reservation.day()).settle(reservation.id(), actual));
        }
    }

    /** Gives a reservation back without cost (the call failed before using any tokens). */
    public Uni<Void> release(Reservation reservation) {
        return settle(reservation, 0);
    }

    /** Forgets a budget (an erased user or session): today's and yesterday's counters, here and in Redis. */
    public Uni<Void> forget(String budgetKey) {
        LocalDate today = UtcDays.today();
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
        return Math.max(1, Duration.between(Instant.now(), UtcDays.endOf(UtcDays.today().plusDays(1))).toMillis());
    }

    static long cents(long micros) {
        return (micros + MICROS_PER_CENT - 1) / MICROS_PER_CENT;
    }

    private LocalLedger ledger(String budgetKey, String day) {
        String today = UtcDays.today().toString();
        if (local.size() > 10_000) {
            local.keySet().removeIf(k -> !k.endsWith("|" + today));
        }
        return local.computeIfAbsent(budgetKey + "|" + day, k -> new LocalLedger());
    }

    private record Decision(Reservation reservation, String budget, long spentMicros) {
        static Decision granted(Reservation r) {
            return new Decision(r, null, 0);
        }

        static Decision refused(String budget, long spent) {
            return new Decision(null, budget, spent);
        }
    }

    /** The in-memory fallback of one budget and day on this instance. */
    private static final class LocalLedger {
        private long spent;
        private long reserved;
        private final Map<String, long[]> open = new HashMap<>(); // id -> {amount, deadline}

        synchronized void expire(long now) {
            open.entrySet().removeIf(e -> {
                if (e.getValue()[1] <= now) {
                    reserved -= e.getValue()[0];
                    return true;
                }
                return false;
            });
        }

        synchronized boolean fits(long expected, long limit) {
            return spent + reserved + expected <= limit;
        }

        synchronized void hold(String id, long expected, long deadline) {
            reserved += expected;
            open.put(id, new long[] { expected, deadline });
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
