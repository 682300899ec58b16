package dev.bigocean.limits;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bigocean.analysis.AnalysisWorker;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.Sql;
import dev.bigocean.testsupport.StopAnalysisWorkers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Offline calls cost 0. Reserving and settling 0 must run in Redis like any other amount: a script that Redis refuses
 * would send the call to the in-memory fallback, as if Redis were down.
 */
@QuarkusTest
@TestProfile(ZeroCostRedisIT.Offline.class)
@ExtendWith(StopAnalysisWorkers.class)
class ZeroCostRedisIT {

    public static class Offline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bigocean.llm.mode", "offline");
        }
    }

    @Inject
    MeterRegistry metrics;

    @Inject
    RedisGuard guard;

    @Inject
    CostBudget budget;

    @Inject
    RedisDataSource redis;

    @Inject
    AnalysisWorker worker;

    double fallbacks() {
        return metrics.find("bigocean.redis.fallbacks").counters().stream().mapToDouble(Counter::count).sum();
    }

    static Map<String, String> totals(RedisDataSource redis, String budgetKey) {
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        return redis.hash(String.class).hgetall("budget:{" + budgetKey + ":" + day + "}:totals");
    }

    @Test
    void zeroCostOfflineTurnsAndAnalysesAreSettledInRedis() {
        worker.start();
        double before = fallbacks();
        String id = Api.startSession();
        for (int turn = 0; turn < 5; turn++) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("sessionId", id, "message", "On weekends I organise picnics and daydream about travel " + turn))
                    .post("/api/assessment/message").then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertEquals(5L,
                Sql.single("SELECT count(*) FROM analysis_job WHERE session_id = ?::uuid AND status = 'done'", id)));

        Map<String, String> totals = totals(redis, CostBudget.key(null, UUID.fromString(id)));
        assertEquals("0", totals.get("spent"), "the turns were settled in Redis: " + totals);
        assertEquals("0", totals.get("reserved"), "and no reservation is left open: " + totals);
        assertEquals(0.0, fallbacks() - before, "no limit or budget decision fell back to memory");
        assertFalse(guard.degraded());
    }

    @Test
    void aStaleZeroReservationIsSweptInRedis() {
        double before = fallbacks();
        String key = CostBudget.key(UUID.randomUUID(), null);
        // a zero-cost call whose process died before settling: its reservation is past its deadline
        CostBudget.Reservation open = budget.reserve(key, 0).await().atMost(Duration.ofSeconds(5));
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        redis.sortedSet(String.class).zadd("budget:{" + key + ":" + day + "}:deadlines", 1, open.id());

        CostBudget.Reservation next = budget.reserve(key, 30_000).await().atMost(Duration.ofSeconds(5));
        budget.settle(next, 20_000).await().atMost(Duration.ofSeconds(5));

        assertFalse(next.local(), "reserved in Redis");
        assertEquals(Map.of("spent", "20000", "reserved", "0"), totals(redis, key));
        assertEquals(0.0, fallbacks() - before, "no decision fell back to memory");
    }
}
