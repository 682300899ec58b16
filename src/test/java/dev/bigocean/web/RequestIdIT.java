package dev.bigocean.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.OpenAiStub;
import dev.bigocean.testsupport.RecordedRequest;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * X-Request-Id: accepted or generated, echoed on every response, in error bodies, log lines (with the session id once
 * known) and model calls.
 */
@QuarkusTest
class RequestIdIT {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    OpenAiStub stub;
    final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyMdc();
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() {
        stub = InfrastructureResource.stub();
        stub.reset();
        org.jboss.logmanager.Logger.getLogger("dev.bigocean").addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        org.jboss.logmanager.Logger.getLogger("dev.bigocean").removeHandler(capture);
    }

    @Test
    void aWellFormedIdIsEchoedAndPutInTheErrorBody() {
        given().header("X-Request-Id", "client-42.a_b").get("/api/assessment/{id}/results", "not-a-uuid")
                .then().statusCode(400)
                .header("X-Request-Id", "client-42.a_b")
                .body("_tag", equalTo("ValidationError"))
                .body("requestId", equalTo("client-42.a_b"));
    }

    @Test
    void aMissingOrMalformedIdIsReplacedByANewOne() {
        String generated = given().get("/health").then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID_PATTERN)).extract().header("X-Request-Id");
        String other = given().get("/health").then().extract().header("X-Request-Id");
        assertNotEquals(generated, other);

        for (String bad : List.of("has space", "x".repeat(129), "semi;colon", "")) {
            String answered = given().header("X-Request-Id", bad).get("/api/profile/{id}", "nope")
                    .then().statusCode(400).header("X-Request-Id", matchesPattern(UUID_PATTERN))
                    .extract().header("X-Request-Id");
            assertNotEquals(bad, answered);
        }
        given().header("X-Request-Id", "x".repeat(128)).get("/health").then().header("X-Request-Id", "x".repeat(128));
    }

    @Test
    void unknownRoutesAndRateLimitedAnswersCarryTheIdToo() {
        given().header("X-Request-Id", "route-1").get("/api/nothing-here").then().statusCode(404)
                .header("X-Request-Id", "route-1").body("_tag", equalTo("NotFound")).body("requestId", equalTo("route-1"));
    }

    @Test
    void aTurnSendsTheIdToTheModelAndLogsWithIt() {
        String sessionId = Api.startSession();
        stub.respondWith(Stubs.nerin("What did you enjoy most about it?"));
        given().header("X-Request-Id", "turn-req-1").contentType(ContentType.JSON)
                .body(Map.of("sessionId", sessionId, "message", "I went sailing last weekend."))
                .post("/api/assessment/message").then().statusCode(200).header("X-Request-Id", "turn-req-1");
        List<RecordedRequest> calls = Stubs.nerinRequests(stub).stream()
                .filter(r -> r.lastUserText().contains("sailing")).toList();
        assertFalse(calls.isEmpty());
        for (RecordedRequest call : calls) {
            assertEquals(List.of("turn-req-1"), call.headers().get("x-request-id"));
        }
    }

    @Test
    void aStreamedTurnEchoesTheIdAndAFailedOneLogsAndReportsIt() {
        modelAnswering();
        String sessionId = Api.startSession();
        stub.respondWith(Stubs.nerin(StubReply.error(500, "model exploded")));
        Response response = given().header("X-Request-Id", "stream-req-7").contentType(ContentType.JSON)
                .accept("text/event-stream")
                .body(Map.of("sessionId", sessionId, "message", "Tell me something."))
                .post("/api/assessment/message");
        // The model failed before its first token: the streamed call answers the JSON error with its status.
        response.then().statusCode(503).header("X-Request-Id", "stream-req-7")
                .body("_tag", equalTo("AgentInvocationError")).body("requestId", equalTo("stream-req-7"));
        for (RecordedRequest call : Stubs.nerinRequests(stub)) {
            assertEquals(List.of("stream-req-7"), call.headers().get("x-request-id"));
        }

        assertTurnLoggedWith("stream-req-7", sessionId);
    }

    @Test
    void aStreamCutMidReplyLogsWithTheIdOfItsRequest() {
        modelAnswering();
        String sessionId = Api.startSession();
        stub.respondWith(Stubs.nerin(StubReply.text("What did you enjoy most about that summer by the sea?")
                .delayBetweenChunks(Duration.ofMillis(20)).breakAfterChunks(3)));
        String body = given().header("X-Request-Id", "cut-req-3").contentType(ContentType.JSON)
                .accept("text/event-stream")
                .body(Map.of("sessionId", sessionId, "message", "I spent a summer by the sea."))
                .post("/api/assessment/message").then().statusCode(200).header("X-Request-Id", "cut-req-3")
                .extract().asString();
        assertTrue(body.contains("event:token") && body.contains("event:error"), body);

        // The failure comes on the thread that read the model's reply, after the first tokens went out.
        assertTurnLoggedWith("cut-req-3", sessionId);
    }

    /**
     * A turn that works, so that the model is not in an outage when the test's turn fails: that failure is then the first
     * of an outage, logged at WARN (later ones are DEBUG). The requests and lines of this turn are not the test's.
     */
    private void modelAnswering() {
        stub.respondWith(Stubs.nerin("What did you enjoy most about it?"));
        given().contentType(ContentType.JSON).body(Map.of("sessionId", Api.startSession(), "message", "I went sailing."))
                .post("/api/assessment/message").then().statusCode(200);
        stub.clearRequests();
        records.clear();
    }

    /** The turn logged something, and every line of it carries the request's and the session's ids. */
    private void assertTurnLoggedWith(String requestId, String sessionId) {
        List<ExtLogRecord> turnLines = records.stream()
                .filter(r -> r.getLoggerName().startsWith("dev.bigocean.conversation")).toList();
        assertFalse(turnLines.isEmpty(), "the failed turn is logged");
        for (ExtLogRecord line : turnLines) {
            assertEquals(requestId, line.getMdc(RequestIds.MDC_KEY), line.getFormattedMessage());
            assertEquals(sessionId, line.getMdc(RequestIds.SESSION_MDC_KEY), line.getFormattedMessage());
        }
    }
}
