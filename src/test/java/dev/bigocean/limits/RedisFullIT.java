package dev.bigocean.limits;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Warnings;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A Redis that is full ({@code maxmemory} reached, no eviction) refuses the limits' scripts; on Redis 6 (the test's) as
 * an {@code ERR} reply that quotes the {@code OOM} error. That is an outage, as a stopped Redis is: the service keeps
 * serving with the in-memory fallback, logs one WARN and no ERROR, and is back in Redis once it has room again.
 */
@QuarkusTest
@TestProfile(LowLimitsProfile.class)
class RedisFullIT {

    @Inject
    RedisDataSource redis;

    @Test
    void aFullRedisIsAnOutageLoggedOnce() {
        String maxmemory = redis.execute("CONFIG", "GET", "maxmemory").get("maxmemory").toString();
        String policy = redis.execute("CONFIG", "GET", "maxmemory-policy").get("maxmemory-policy").toString();
        try (Warnings warnings = Warnings.capture()) {
            redis.execute("CONFIG", "SET", "maxmemory-policy", "noeviction");
            redis.execute("CONFIG", "SET", "maxmemory", "1");
            try {
                for (int i = 0; i < 4; i++) {
                    RateLimitIT.get(RateLimitIT.newIp(), "/api/auth/get-session").then().statusCode(200);
                }
                RedisOutageIT.start(RateLimitIT.newIp(), null).then().statusCode(200);
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'redis' }.data.redis", equalTo("degraded"));
            } finally {
                redis.execute("CONFIG", "SET", "maxmemory", maxmemory);
                redis.execute("CONFIG", "SET", "maxmemory-policy", policy);
            }
            assertTrue(warnings.noErrorOrStackTrace(), warnings.lines().toString());
            assertEquals(1, warnings.records().stream().filter(r -> r.getLoggerName().equals(RedisGuard.class.getName()))
                    .count(), warnings.lines().toString());
        }
        // Back in Redis once the guard tries it again: five requests of one client pass (the fallback would refuse the
        // third: a quarter of 5 per instance), the sixth is refused.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            RateLimitIT.get(RateLimitIT.newIp(), "/api/auth/get-session").then().statusCode(200);
            given().when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'redis' }.data.redis", equalTo("up"));
        });
        String ip = RateLimitIT.newIp();
        for (int i = 0; i < 5; i++) {
            RateLimitIT.get(ip, "/api/auth/get-session").then().statusCode(200);
        }
        RateLimitIT.get(ip, "/api/auth/get-session").then().statusCode(429).body("_tag", equalTo("RateLimitExceeded"));
    }
}
