package dev.bigocean.limits;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.web.ApiException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * With Redis stopped the service keeps serving (no 500s), limits fall back to conservative per-instance counters,
 * readiness stays UP and reports Redis degraded, and enforcement is back in Redis once it returns.
 */
@QuarkusTest
@TestProfile(LowLimitsProfile.class)
class RedisOutageIT {

    @Inject
    CostBudget budget;

    @Inject
    RedisDataSource redis;

    static Response signUp(String ip) {
        return given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                .body("{\"email\":\"" + Accounts.newEmail() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                .when().post("/api/auth/sign-up/email").then().extract().response();
    }

    static Response start(String ip, String cookie) {
        var spec = given().header("X-Forwarded-For", ip);
        if (cookie != null) {
            spec = spec.cookie(Accounts.COOKIE, cookie);
        }
        return spec.when().post("/api/assessment/start").then().extract().response();
    }

    @Test
    void theServiceKeepsServingWithinConservativeLimits() throws IOException {
        String userIp = RateLimitIT.newIp();
        Response signedUp = signUp(userIp);
        signedUp.then().statusCode(200);
        String cookie = signedUp.getCookie(Accounts.COOKIE);
        String budgetKey = CostBudget.key(UUID.randomUUID(), null);
        String laterKey = CostBudget.key(UUID.randomUUID(), null);

        InfrastructureResource.redis().stop();
        try {
            // no 500s: anonymous and signed-in requests are served
            given().when().get("/health").then().statusCode(200);
            start(RateLimitIT.newIp(), null).then().statusCode(200);
            Response secondUser = signUp(RateLimitIT.newIp());
            secondUser.then().statusCode(200);

            // the daily start limit still holds, in memory
            start(RateLimitIT.newIp(), cookie).then().statusCode(200);
            start(RateLimitIT.newIp(), cookie).then().statusCode(429).body("_tag", equalTo("RateLimitExceeded"));

            // request limits: a quarter of 5 (rounded up: 2) per client on this instance
            String ip = RateLimitIT.newIp();
            RateLimitIT.get(ip, "/api/auth/get-session").then().statusCode(200);
            RateLimitIT.get(ip, "/api/auth/get-session").then().statusCode(200);
            RateLimitIT.get(ip, "/api/auth/get-session").then().statusCode(429).body("_tag", equalTo("RateLimitExceeded"));

            // the budget grants a quarter of $75 on this instance: $18.75
            CostBudget.Reservation r = budget.reserve(budgetKey, 1875 * 10_000L).await().indefinitely();
            budget.settle(r, 1875 * 10_000L).await().indefinitely();
            ApiException refused = assertThrows(ApiException.class, () -> budget.reserve(budgetKey, 1).await().indefinitely());
            assertEquals("CostLimitExceeded", refused.tag());
            assertEquals(1875L, refused.fields().get("dailySpend"));

            // readiness stays UP, so the instance stays in its load balancer and serves with the fallback; it says Redis is
            // degraded. Liveness never depends on Redis.
            given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'redis' }.data.redis", equalTo("degraded"))
                    .body("checks.find { it.name == 'postgresql' }.status", equalTo("UP"));
            given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            InfrastructureResource.redis().start();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'redis' }.data.redis", equalTo("up")));

        // enforcement is back in Redis: a budget is spent there again
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            CostBudget.Reservation r = budget.reserve(laterKey, 10_000).await().indefinitely();
            budget.settle(r, 10_000).await().indefinitely();
            String day = LocalDate.now(ZoneOffset.UTC).toString();
            Map<String, String> totals = redis.hash(String.class).hgetall("budget:{" + laterKey + ":" + day + "}:totals");
            assertEquals("10000", totals.get("spent"));
        });
        // and the user who started during the outage still cannot start again today
        start(RateLimitIT.newIp(), cookie).then().statusCode(429);
    }
}
