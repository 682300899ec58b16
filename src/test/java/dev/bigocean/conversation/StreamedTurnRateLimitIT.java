package dev.bigocean.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.bigocean.limits.LowLimitsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** A rate-limited streamed turn is the JSON 429 with {@code Retry-After}, not an empty event stream. */
@QuarkusTest
@TestProfile(LowLimitsProfile.class)
class StreamedTurnRateLimitIT {

    @Test
    void aRateLimitedStreamedTurnIs429WithItsJsonBody() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String ip = "10.91." + random.nextInt(256) + "." + random.nextInt(1, 255);
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", ip).get("/api/auth/get-session").then().statusCode(200);
        }
        given().header("X-Forwarded-For", ip).contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("sessionId", UUID.randomUUID().toString(), "message", "Hello"))
                .post("/api/assessment/message").then().statusCode(429).contentType(startsWith("application/json"))
                .body("_tag", equalTo("RateLimitExceeded")).header("Retry-After", notNullValue());
    }
}
