package dev.bigocean.limits;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.FreezableProxy;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.Pause;
import dev.bigocean.testsupport.Warnings;
import dev.bigocean.web.ClientAddress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * Redis stops answering without closing its connections (frozen, or gone without a reset): the application reaches it
 * through a proxy that holds every byte back. Three times the Redis pool size of requests are each answered, with the
 * limits decided in memory after {@code bigocean.outage.redis-timeout}, instead of waiting for Redis; the outage is one
 * WARN; once Redis answers again, the limits are enforced in Redis again. One call held back while Redis answers the
 * others, or while this instance's event loops are behind, is decided in memory alone, with no outage.
 */
@QuarkusTest
@TestProfile(RedisFreezeIT.Frozen.class)
class RedisFreezeIT {

    static final int REDIS_POOL = 4;
    /** The proxy's port: the profile, loaded by another class loader than this test, starts it once per JVM. */
    static final String PROXY_PORT = "bigocean.test.frozen-redis-proxy";

    @Inject
    MeterRegistry metrics;

    @Inject
    Vertx vertx;

    public static class Frozen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int proxy = FreezableProxy.shared(PROXY_PORT, InfrastructureResource.REDIS_PORT);
            Map<String, String> config = new HashMap<>(new LowLimitsProfile().getConfigOverrides());
            config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + proxy);
            config.put("quarkus.redis.max-pool-size", String.valueOf(REDIS_POOL));
            config.put("bigocean.outage.redis-timeout", "PT1S");
            return config;
        }
    }

    @Test
    void requestsAreAnsweredWhileRedisIsFrozenAndItEnforcesTheLimitsAgainAfterwards() throws Exception {
        RateLimitIT.get(RateLimitIT.newIp(), "/api/auth/get-session").then().statusCode(200); // Redis in use
        int proxy = Integer.getInteger(PROXY_PORT);
        ExecutorService clients = Executors.newFixedThreadPool(3 * REDIS_POOL);
        List<Integer> statuses = new ArrayList<>();
        List<Integer> fallback = new ArrayList<>();
        List<LogRecord> logged;
        FreezableProxy.freeze(proxy);
        try (Warnings warnings = Warnings.capture()) {
            List<Future<Integer>> pending = new ArrayList<>();
            for (int i = 0; i < 3 * REDIS_POOL; i++) {
                pending.add(clients.submit(() -> RateLimitIT.get(RateLimitIT.newIp(), "/api/auth/get-session").statusCode()));
            }
            for (Future<Integer> status : pending) {
                // Without the Redis timeout these wait for the proxy to thaw: 30 s is far past it.
                statuses.add(status.get(30, TimeUnit.SECONDS));
            }
            // Decided in memory: a quarter of the limit of 5 (rounded up: 2) per client on this instance.
            String ip = RateLimitIT.newIp();
            for (int i = 0; i < 3; i++) {
                fallback.add(RateLimitIT.get(ip, "/api/auth/get-session").statusCode());
            }
            given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'redis' }.data.redis", equalTo("degraded"));
            logged = warnings.records();
        } finally {
            FreezableProxy.thaw(proxy);
            clients.shutdownNow();
        }
        assertTrue(statuses.stream().allMatch(s -> s == 200), "every request answered while Redis was frozen: " + statuses);
        assertEquals(List.of(200, 200, 429), fallback, "the in-memory share of the limit");
        assertTrue(Warnings.noErrorOrStackTrace(logged),
                "no ERROR and no stack trace: " + logged.stream().map(LogRecord::getMessage).toList());
        assertEquals(1, logged.stream().filter(r -> r.getLoggerName().equals(RedisGuard.class.getName())).count(),
                "the outage is one WARN: " + logged.stream().map(LogRecord::getMessage).toList());

        awaitRedisInUse();
        assertWholeLimitCountedInRedis();
    }

    /**
     * Under a burst of load a call can wait past the timeout (in the pool's queue, or behind other work on an event loop)
     * while Redis answers the rest: that call is decided in memory, but Redis is not taken for gone. Here one connection
     * holds one call back while the other connections answer.
     */
    @Test
    void aCallNotAnsweredInTimeWhileRedisAnswersOthersIsNoOutage() throws Exception {
        double slowBefore = fallbacks("slow");
        List<Integer> others = new ArrayList<>();
        List<LogRecord> logged = withOneCallHeld(pending -> {
            while (!pending.isDone()) {
                others.add(RateLimitIT.get(RateLimitIT.newIp(), "/api/auth/get-session").statusCode());
            }
        });
        assertTrue(others.size() > 1 && others.stream().allMatch(s -> s == 200), "the others are answered meanwhile: " + others);
        assertEquals(1.0, fallbacks("slow") - slowBefore, "the held call, and only it, is decided in memory");
        assertTrue(logged.isEmpty(), "no WARN: " + logged.stream().map(LogRecord::getMessage).toList());
        assertWholeLimitCountedInRedis();
    }

    /**
     * A reply is read on an event loop, so while this instance's loops are behind (a backlog of work, as when a cold
     * instance is given thousands of connections at once, or a pause of the garbage collector) a call can time out with
     * no reply read at all, from a Redis that answers. That call is decided in memory, but Redis is not taken for gone.
     * Here the one call in flight is held back while every event loop is kept busy for longer than the timeout.
     */
    @Test
    void aCallUnheardWhileTheEventLoopsAreBehindIsNoOutage() throws Exception {
        double behindBefore = fallbacks("behind");
        double unavailableBefore = fallbacks("unavailable");
        int proxy = Integer.getInteger(PROXY_PORT);
        List<LogRecord> logged = withOneCallHeld(pending -> {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> FreezableProxy.holding(proxy));
            List<EventExecutor> loops = new ArrayList<>();
            vertx.nettyEventLoopGroup().forEach(loops::add);
            CountDownLatch busy = new CountDownLatch(loops.size());
            for (EventExecutor loop : loops) {
                loop.execute(() -> {
                    busy.countDown();
                    Pause.quietly(Duration.ofMillis(1500)); // past the 1 s timeout, below Vert.x's blocked-thread warning
                });
            }
            assertTrue(busy.await(10, TimeUnit.SECONDS), "every event loop busy");
        });
        assertEquals(1.0, fallbacks("behind") - behindBefore, "the held call is decided in memory, as unheard");
        assertEquals(0.0, fallbacks("unavailable") - unavailableBefore, "no outage");
        assertTrue(logged.isEmpty(), "no WARN: " + logged.stream().map(LogRecord::getMessage).toList());
        assertWholeLimitCountedInRedis();
    }

    /** What a test does while one request's rate-limit call is held back. */
    private interface WhileHeld {
        void run(Future<Integer> pending) throws Exception;
    }

    /**
     * Sends one request whose rate-limit call the proxy holds back, runs {@code meanwhile}, and checks that the request is
     * answered (after the timeout) and that readiness still says {@code redis: up}; the WARNs and ERRORs logged meanwhile.
     */
    private static List<LogRecord> withOneCallHeld(WhileHeld meanwhile) throws Exception {
        awaitRedisInUse();
        int proxy = Integer.getInteger(PROXY_PORT);
        String stuckIp = RateLimitIT.newIp();
        ExecutorService client = Executors.newSingleThreadExecutor();
        FreezableProxy.holdOn(proxy, "ip:" + ClientAddress.pseudonym(stuckIp) + ":"); // its rate-limit key
        try (Warnings warnings = Warnings.capture()) {
            Future<Integer> pending = client.submit(() -> RateLimitIT.get(stuckIp, "/api/auth/get-session").statusCode());
            meanwhile.run(pending);
            assertEquals(200, pending.get(30, TimeUnit.SECONDS), "the held call's request is answered after the timeout");
            given().when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'redis' }.data.redis", equalTo("up"));
            return warnings.records();
        } finally {
            FreezableProxy.stopHolding(proxy);
            client.shutdownNow();
        }
    }

    double fallbacks(String reason) {
        return metrics.find("bigocean.redis.fallbacks").tag("reason", reason).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    static void awaitRedisInUse() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'redis' }.data.redis", equalTo("up")));
    }

    static void assertWholeLimitCountedInRedis() {
        String ip = RateLimitIT.newIp();
        List<Integer> enforced = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            enforced.add(RateLimitIT.get(ip, "/api/auth/get-session").statusCode());
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 429), enforced, "the whole limit of 5, counted in Redis");
    }
}
