package dev.bigocean.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bigocean.limits.CostBudget;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.OpenAiStub;
import dev.bigocean.testsupport.Sql;
import dev.bigocean.testsupport.Sse;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A streamed turn ({@code Accept: text/event-stream}) answers an error known before its first token with the error's
 * status and JSON body, like the JSON call; an error after tokens were sent is exactly one {@code error} event, last.
 */
@QuarkusTest
class StreamedTurnErrorsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPLY = "That sounds like a good start. What did you enjoy most about it?";

    @Inject
    CostBudget budget;

    OpenAiStub stub;

    @BeforeEach
    void resetStub() {
        stub = InfrastructureResource.stub();
        stub.reset();
        stub.respondWith(Stubs.nerin(REPLY));
    }

    static Response stream(String sessionId, String message) {
        return given().contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("sessionId", sessionId, "message", message))
                .when().post("/api/assessment/message");
    }

    @Test
    void anUnknownSessionIs404WithItsJsonBody() {
        String id = UUID.randomUUID().toString();
        stream(id, "Hello").then().statusCode(404).contentType(startsWith("application/json"))
                .body("_tag", equalTo("SessionNotFound")).body("sessionId", equalTo(id));
    }

    @Test
    void anInvalidRequestIs400() {
        given().contentType(ContentType.JSON).accept("text/event-stream").body(Map.of("sessionId", "nope", "message", "hi"))
                .post("/api/assessment/message").then().statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("sessionId"));
    }

    @Test
    void anExpiredSessionIs410() {
        String id = Api.startSession();
        Sql.update("UPDATE assessment_session SET last_activity_at = ? WHERE id = ?",
                OffsetDateTime.now().minusDays(400), UUID.fromString(id));
        stream(id, "Hello again").then().statusCode(410).body("_tag", equalTo("SessionExpired"))
                .body("sessionId", equalTo(id));
    }

    @Test
    void aCompletedSessionIs409SessionCompleted() {
        String id = Api.startSession();
        Sql.update("UPDATE assessment_session SET status = 'completed', completed_at = now() WHERE id = ?", UUID.fromString(id));
        stream(id, "One more thing").then().statusCode(409).body("_tag", equalTo("SessionCompleted"));
    }

    @Test
    void aBusySessionIs409TurnInProgress() {
        String id = Api.startSession();
        Sql.update("UPDATE assessment_session SET turn_lock = ?, turn_locked_until = now() + interval '1 minute' WHERE id = ?",
                UUID.randomUUID(), UUID.fromString(id));
        stream(id, "Are you there?").then().statusCode(409).body("_tag", equalTo("TurnInProgress"));
        assertEquals(0, Stubs.nerinRequests(stub).size());
    }

    @Test
    void aSpentBudgetIs503CostLimitExceededBeforeAnyToken() {
        String id = Api.startSession();
        CostBudget.Reservation all = budget.reserve(CostBudget.key(null, UUID.fromString(id)),
                budget.limitCents() * 10_000).await().indefinitely();
        try {
            // The budget is daily: Retry-After is the time to the next 00:00 UTC, at most a day.
            String retryAfter = stream(id, "Hello").then().statusCode(503).contentType(startsWith("application/json"))
                    .body("_tag", equalTo("CostLimitExceeded")).body("limit", equalTo((int) budget.limitCents()))
                    .extract().header("Retry-After");
            long untilMidnight = Duration.between(Instant.now(), LocalDate.now(ZoneOffset.UTC).plusDays(1)
                    .atStartOfDay().toInstant(ZoneOffset.UTC)).toSeconds();
            assertTrue(Math.abs(Long.parseLong(retryAfter) - untilMidnight) <= 5, retryAfter + " against " + untilMidnight);
        } finally {
            budget.release(all).await().indefinitely();
        }
        assertEquals(0, Stubs.nerinRequests(stub).size());
    }

    @Test
    void aModelFailureBeforeTheFirstTokenIs503AgentInvocationError() {
        stub.respondWith(Stubs.nerin(StubReply.error(500, "boom")));
        String id = Api.startSession();
        stream(id, "Hello").then().statusCode(503).header("Retry-After", "5").body("_tag", equalTo("AgentInvocationError"))
                .body("agentName", equalTo("nerin")).body("sessionId", equalTo(id));
    }

    @Test
    void aFailureAfterTheFirstTokenIsExactlyOneErrorEventThenTheEnd() throws Exception {
        stub.respondWith(Stubs.nerin(StubReply.text(REPLY).breakAfterChunks(2)));
        String id = Api.startSession();
        String body = stream(id, "Tell me something").then().statusCode(200).extract().asString();
        List<Sse.Event> events = Sse.parse(body);
        assertEquals("token", events.get(0).name(), body);
        assertEquals(1, events.stream().filter(e -> e.name().equals("error")).count(), body);
        assertEquals("error", events.get(events.size() - 1).name(), body);
        assertEquals("AgentInvocationError", JSON.readTree(events.get(events.size() - 1).data()).get("_tag").asText());
        assertTrue(events.stream().noneMatch(e -> e.name().equals("done")), body);
    }
}
