package dev.bigocean.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.bigocean.testsupport.Warnings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Refused and failed turns, and their retries: a refusal writes nothing, a retry answers a message exactly once. */
@QuarkusTest
class TurnRetryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPLY = "Thank you for telling me. What would a perfect Sunday look like for you?";

    @Inject
    CostBudget budget;

    OpenAiStub stub;

    @BeforeEach
    void resetStub() {
        stub = InfrastructureResource.stub();
        stub.reset();
        stub.respondWith(Stubs.nerin(REPLY));
    }

    static Response send(String sessionId, String message, String idempotencyKey) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(Map.of("sessionId", sessionId, "message", message)).post("/api/assessment/message");
    }

    /** Message count, the messages (seq, role, content) and the analysis jobs of a session, as stored. */
    static List<Object> stored(String sessionId) {
        UUID id = UUID.fromString(sessionId);
        return List.of(Sql.single("SELECT message_count FROM assessment_session WHERE id = ?", id),
                Sql.query("SELECT seq, role, content FROM assessment_message WHERE session_id = ? ORDER BY seq", id),
                Sql.query("SELECT message_id FROM analysis_job WHERE session_id = ? ORDER BY created_at", id));
    }

    @Test
    void aTurnRefusedByTheBudgetStoresNothingAndARetryAfterwardsSucceedsOnce() {
        String id = Api.startSession();
        List<Object> before = stored(id);
        CostBudget.Reservation all = budget.reserve(CostBudget.key(null, UUID.fromString(id)),
                budget.limitCents() * 10_000).await().indefinitely();
        try {
            send(id, "I grew up by the sea.", "budget-1").then().statusCode(503).body("_tag", equalTo("CostLimitExceeded"));
            given().contentType(ContentType.JSON).body(Map.of("sessionId", id, "message", "I grew up by the sea."))
                    .post("/api/assessment/message").then().statusCode(503).body("_tag", equalTo("CostLimitExceeded"));
            assertEquals(before, stored(id), "a refused turn stores no message and enqueues no analysis");
        } finally {
            budget.release(all).await().indefinitely(); // the budget has room again
        }
        assertEquals(0, Stubs.nerinRequests(stub).size());

        send(id, "I grew up by the sea.", "budget-1").then().statusCode(200).body("response", equalTo(REPLY));
        send(id, "I grew up by the sea.", "budget-1").then().statusCode(200).body("response", equalTo(REPLY));
        assertEquals(1, Stubs.nerinRequests(stub).size());
        UUID session = UUID.fromString(id);
        assertEquals(List.of(List.of("assistant"), List.of("user"), List.of("assistant")),
                Sql.query("SELECT role FROM assessment_message WHERE session_id = ? ORDER BY seq", session));
        assertEquals(1L, Sql.single("SELECT count(*) FROM analysis_job WHERE session_id = ?", session));
        assertEquals(3, Sql.single("SELECT message_count FROM assessment_session WHERE id = ?", session));
    }

    @Test
    void aStreamedRetryReplaysTheStoredTurnAndLogsNoError() throws Exception {
        String id = Api.startSession();
        List<String> first = Sse.parse(stream(id, "I grew up by the sea.", "stream-1")).stream().map(Sse.Event::name)
                .distinct().toList();
        assertEquals(List.of("token", "done"), first);
        try (Warnings warnings = Warnings.capture()) {
            for (int i = 0; i < 3; i++) {
                // The replay's events are all there at once; closing the stream right after them once ended the
                // response before Quarkus REST had started it, which logged two ERRORs per replay.
                List<Sse.Event> replay = Sse.parse(stream(id, "I grew up by the sea.", "stream-1"));
                assertEquals("done", replay.get(replay.size() - 1).name());
                assertEquals(REPLY, JSON.readTree(replay.get(replay.size() - 1).data()).get("response").asText());
            }
            assertEquals(List.of(), warnings.lines());
        }
        assertEquals(1, Stubs.nerinRequests(stub).size(), "replays do not call the model");
    }

    private static String stream(String sessionId, String message, String idempotencyKey) {
        return given().contentType(ContentType.JSON).accept("text/event-stream").header("Idempotency-Key", idempotencyKey)
                .body(Map.of("sessionId", sessionId, "message", message)).post("/api/assessment/message")
                .then().statusCode(200).extract().asString();
    }

    @Test
    void aKeyReusedWithAnotherMessageAfterAFailedAttemptIs400AndChangesNothing() {
        stub.respondWith(Stubs.nerin(StubReply.error(500, "boom")));
        String id = Api.startSession();
        send(id, "My first answer", "key-failed").then().statusCode(503).body("_tag", equalTo("AgentInvocationError"));
        List<Object> afterFailure = stored(id);
        stub.respondWith(Stubs.nerin(REPLY));
        stub.clearRequests();

        send(id, "A different answer", "key-failed").then().statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("Idempotency-Key"));
        assertEquals(afterFailure, stored(id));
        assertEquals(0, Stubs.nerinRequests(stub).size(), "the model is not called for a refused key");
        given().contentType(ContentType.JSON).accept("text/event-stream").header("Idempotency-Key", "key-failed")
                .body(Map.of("sessionId", id, "message", "A different answer")).post("/api/assessment/message")
                .then().statusCode(400).body("field", equalTo("Idempotency-Key"));

        send(id, "My first answer", "key-failed").then().statusCode(200).body("response", equalTo(REPLY));
        given().get("/api/assessment/{id}/resume", id).then()
                .body("messages.content", equalTo(List.of(given().get("/api/assessment/{id}/resume", id).then()
                        .extract().path("messages[0].content"), "My first answer", REPLY)));
    }

    @Test
    void aModelCutMidStreamKeepsTheMessageAndARetryWithTheSameKeyAnswersItOnce() throws Exception {
        stub.respondWith(Stubs.nerin(StubReply.text(REPLY).breakAfterChunks(3)));
        String id = Api.startSession();
        List<Sse.Event> events = failedStreamKeepsTheMessage(id, "cut-1");
        assertEquals("token", events.get(0).name());

        stub.respondWith(Stubs.nerin(REPLY));
        stub.clearRequests();
        String first = send(id, "Let me think about that", "cut-1").then().statusCode(200)
                .body("response", equalTo(REPLY)).extract().asString();
        String again = send(id, "Let me think about that", "cut-1").then().statusCode(200).extract().asString();
        assertEquals(first, again);
        assertEquals(1, Stubs.nerinRequests(stub).size(), "the retry is answered once, then replayed");
        UUID session = UUID.fromString(id);
        assertEquals(List.of(List.of("assistant"), List.of("user"), List.of("assistant")),
                Sql.query("SELECT role FROM assessment_message WHERE session_id = ? ORDER BY seq", session));
        assertEquals(1L, Sql.single("""
                SELECT count(*) FROM assessment_message a JOIN assessment_message u ON u.id = a.reply_to
                WHERE u.session_id = ? AND u.idempotency_key = 'cut-1'""", session));
        assertEquals(1L, Sql.single("SELECT count(*) FROM analysis_job WHERE session_id = ?", session));
    }

    @Test
    void aModelThatStallsMidReplyEndsTheTurnAndKeepsTheMessage() throws Exception {
        stub.respondWith(Stubs.nerin(StubReply.text(REPLY).stallAfterChunks(2)));
        String id = Api.startSession();
        // The test profile's stream idle timeout is 3 s; the stub stays silent for a minute.
        List<Sse.Event> events = failedStreamKeepsTheMessage(id, "stall-1");
        assertEquals(List.of("token", "token", "error"), events.stream().map(Sse.Event::name).toList());

        send(id, "Let me think about that", "stall-1").then().statusCode(503).body("_tag", equalTo("AgentInvocationError"));

        stub.respondWith(Stubs.nerin(REPLY));
        send(id, "Let me think about that", "stall-1").then().statusCode(200).body("response", equalTo(REPLY));
        assertEquals(List.of(List.of("assistant"), List.of("user"), List.of("assistant")),
                Sql.query("SELECT role FROM assessment_message WHERE session_id = ? ORDER BY seq", UUID.fromString(id)));
    }

    /**
     * A streamed turn that fails after its first tokens: one {@code error} event ({@code AgentInvocationError}) after the
     * tokens, and the user's message stored without a reply. Returns the events.
     */
    private static List<Sse.Event> failedStreamKeepsTheMessage(String id, String idempotencyKey) throws Exception {
        String body = given().contentType(ContentType.JSON).accept("text/event-stream").header("Idempotency-Key", idempotencyKey)
                .body(Map.of("sessionId", id, "message", "Let me think about that")).post("/api/assessment/message")
                .then().statusCode(200).extract().asString();
        List<Sse.Event> events = Sse.parse(body);
        assertEquals(List.of("error"), events.stream().map(Sse.Event::name).filter(n -> !n.equals("token")).toList(), body);
        assertEquals("AgentInvocationError", JSON.readTree(events.get(events.size() - 1).data()).get("_tag").asText());
        given().get("/api/assessment/{id}/resume", id).then()
                .body("messages.role", equalTo(List.of("assistant", "user")))
                .body("messages[1].content", equalTo("Let me think about that"));
        return events;
    }
}
