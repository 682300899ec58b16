package dev.bigocean.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.web.ApiException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** The budget against real Redis: parallel calls squeezing the last cents never settle past the limit. */
@QuarkusTest
class CostBudgetIT {

    static final long CENT = 10_000; // micro-USD

    @Inject
    CostBudget budget;

    @Inject
    RedisDataSource redis;

    static String newKey() {
        return CostBudget.key(UUID.randomUUID(), null);
    }

    long spentMicros(String key) {
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        Map<String, String> totals = redis.hash(String.class).hgetall("budget:{" + key + ":" + day + "}:totals");
        return Long.parseLong(totals.getOrDefault("spent", "0"));
    }

    /** Spends {@code cents} in one reserved-and-settled call. */
    void spend(String key, long cents) {
        CostBudget.Reservation r = budget.reserve(key, cents * CENT).await().atMost(Duration.ofSeconds(5));
        budget.settle(r, cents * CENT).await().atMost(Duration.ofSeconds(5));
    }

    record Outcome(boolean granted, ApiException refusal) {
    }

    List<Outcome> fiftyParallelCalls(String key, long expectedMicros, java.util.function.LongUnaryOperator actual) {
        List<Uni<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(budget.reserve(key, expectedMicros)
                    .flatMap(r -> budget.settle(r, actual.applyAsLong(expectedMicros)).replaceWith(new Outcome(true, null)))
                    .onFailure(ApiException.class).recoverWithItem(e -> new Outcome(false, (ApiException) e)));
        }
        return Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void fiftyParallelTurnsAgainstANearlySpentBudgetStopExactlyAtTheLimit() {
        String key = newKey();
        spend(key, 7490); // $74.90 of $75
        List<Outcome> outcomes = fiftyParallelCalls(key, CENT, expected -> expected);
        long granted = outcomes.stream().filter(Outcome::granted).count();
        assertEquals(10, granted, "10 cents left, 1 cent a call");
        assertEquals(7500 * CENT, spentMicros(key));
        for (Outcome o : outcomes) {
            if (!o.granted()) {
                assertEquals("CostLimitExceeded", o.refusal().tag());
                assertEquals(503, o.refusal().status());
                assertEquals(7500L, o.refusal().fields().get("limit"));
                long dailySpend = (Long) o.refusal().fields().get("dailySpend");
                assertTrue(dailySpend >= 7490 && dailySpend <= 7500, "" + dailySpend);
            }
        }
    }

    @Test
    void callsCheaperThanReservedNeverPushSpendPastTheLimit() {
        String key = newKey();
        spend(key, 7480);
        AtomicLong charged = new AtomicLong();
        List<Outcome> outcomes = fiftyParallelCalls(key, 2 * CENT, expected -> {
            long cost = ThreadLocalRandom.current().nextLong(expected / 4, expected + 1);
            charged.addAndGet(cost);
            return cost;
        });
        long granted = outcomes.stream().filter(Outcome::granted).count();
        assertTrue(granted >= 10, "at least the 20 cents left at 2 cents each: " + granted);
        assertEquals(7480 * CENT + charged.get(), spentMicros(key));
        assertTrue(spentMicros(key) <= 7500 * CENT, "settled spend " + spentMicros(key));
    }

    @Test
    void aReleasedReservationCostsNothing() {
        String key = newKey();
        spend(key, 7499);
        CostBudget.Reservation r = budget.reserve(key, CENT).await().indefinitely();
        budget.release(r).await().indefinitely();
        assertEquals(7499 * CENT, spentMicros(key));
        // the released cent is available again
        spend(key, 1);
    }

    @Test
    void aFullBudgetRefusesAndReportsCents() {
        String key = newKey();
        spend(key, 7500);
        try {
            budget.reserve(key, 1).await().indefinitely();
            throw new AssertionError("reserved past the limit");
        } catch (ApiException e) {
            assertEquals("CostLimitExceeded", e.tag());
            assertEquals(7500L, e.fields().get("dailySpend"));
            assertEquals(7500L, e.fields().get("limit"));
        }
    }

    @Test
    void budgetsAreSeparatePerUserAndPerAnonymousSession() {
        String user = newKey();
        spend(user, 7500);
        spend(newKey(), 100);
        spend(CostBudget.key(null, UUID.randomUUID()), 100);
        assertTrue(CostBudget.key(null, UUID.randomUUID()).startsWith("session:"));
    }

    @Test
    void pricesComeFromConfigurationPerMillionTokens() {
        assertEquals(750_000, budget.costMicros("gpt-4o-mini", 1_000_000, 1_000_000)); // $0.15 + $0.60
        assertEquals(750_000, budget.costMicros("gpt-4o-mini-2024-07-18", 1_000_000, 1_000_000));
        assertEquals(12_500_000, budget.costMicros("gpt-4o", 1_000_000, 1_000_000));
        assertEquals(20_000_000, budget.costMicros("some-new-model", 1_000_000, 1_000_000)); // default $5 + $15
        assertEquals(0, budget.costMicros("offline-nerin", 5_000, 400));
        assertEquals(390, budget.costMicros("gpt-4o-mini", 1_000, 400)); // 150 + 240 micro-USD
        assertEquals(4, CostBudget.worstCaseTokens(10)); // 3 characters a token, rounded up
        assertEquals(390, budget.worstCaseCostMicros("gpt-4o-mini", 3_000, 400)); // 1000 tokens + 400 output
    }
}
