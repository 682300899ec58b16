package dev.bigocean.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bigocean.identity.Accounts;
import dev.bigocean.testsupport.Sql;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DailyStartLimitIT {

    @TestHTTPResource("/api/assessment/start")
    URL startUrl;

    static long sessionsOf(String userId) {
        return (Long) Sql.single("select count(*) from assessment_session where user_id = ?::uuid", userId);
    }

    @Test
    void hundredConcurrentStartsGiveOneSessionAndNinetyNine429s() throws Exception {
        Accounts.Account user = Accounts.signUp();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(startUrl.toString()))
                .header("Cookie", Accounts.COOKIE + "=" + user.cookie()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        int limited = 0;
        Instant nextMidnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        ObjectMapper mapper = new ObjectMapper();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            if (response.statusCode() == 200) {
                ok++;
            } else {
                assertEquals(429, response.statusCode(), response.body());
                JsonNode body = mapper.readTree(response.body());
                assertEquals("RateLimitExceeded", body.get("_tag").asText());
                assertEquals(user.userId(), body.get("userId").asText());
                assertEquals(nextMidnight, Instant.parse(body.get("resetAt").asText()));
                assertTrue(body.get("message").asText().length() > 0);
                long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
                assertTrue(Math.abs(retryAfter - Duration.between(Instant.now(), nextMidnight).toSeconds()) < 120, "" + retryAfter);
                limited++;
            }
        }
        assertEquals(1, ok);
        assertEquals(99, limited);
        assertEquals(1L, sessionsOf(user.userId()));
    }

    @Test
    void aFailedInsertGivesTheSlotBack() {
        Accounts.Account user = Accounts.signUp();
        String constraint = "block_" + user.userId().replace("-", "");
        Sql.update("alter table assessment_session add constraint " + constraint + " check (user_id <> '" + user.userId()
                + "'::uuid)");
        try {
            given().cookie(Accounts.COOKIE, user.cookie()).when().post("/api/assessment/start").then().statusCode(500)
                    .body("_tag", equalTo("DatabaseError"));
        } finally {
            Sql.update("alter table assessment_session drop constraint " + constraint);
        }
        assertEquals(0L, sessionsOf(user.userId()));
        given().cookie(Accounts.COOKIE, user.cookie()).when().post("/api/assessment/start").then().statusCode(200);
        given().cookie(Accounts.COOKIE, user.cookie()).when().post("/api/assessment/start").then().statusCode(429)
                .body("_tag", equalTo("RateLimitExceeded"));
        assertEquals(1L, sessionsOf(user.userId()));
    }

    @Test
    void anonymousStartsAreNotLimitedByTheDailyRule() {
        for (int i = 0; i < 5; i++) {
            given().when().post("/api/assessment/start").then().statusCode(200);
        }
    }
}
