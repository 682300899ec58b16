package dev.bigocean.analysis;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.OpenAiStub;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.Stubs;
import dev.bigocean.testsupport.Warnings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The model endpoint failing every call (here 500s from the stub, after LangChain4j's own retry) is an outage: each turn
 * answers 503 AgentInvocationError and each analysis attempt is retried later, and the log has one WARN for Nerin's model
 * and one for the analyzer's however many calls fail, then one INFO each when the model answers again.
 */
@QuarkusTest
class ModelOutageIT {

    private static final String REPLY = "That sounds like a good start. What did you enjoy most about it?";

    @Inject
    AnalysisWorker worker;

    OpenAiStub stub = InfrastructureResource.stub();

    @AfterEach
    void restoreStub() {
        stub.reset();
    }

    private static io.restassured.response.Response turn(String sessionId, String message) {
        return given().contentType(ContentType.JSON).body(Map.of("sessionId", sessionId, "message", message))
                .when().post("/api/assessment/message");
    }

    private static long lines(Warnings warnings, String logger) {
        return warnings.records().stream().filter(r -> r.getLoggerName().equals(logger)).count();
    }

    @Test
    void failingModelCallsAreOneWarningPerModel() {
        // Both models answer first (earlier tests of this application may have left one failing): a turn, and the
        // analyses ready now, this turn's among them.
        stub.reset();
        stub.respondWith(Stubs.nerin(REPLY));
        String id = Api.startSession();
        turn(id, "I enjoy a quiet start to the day").then().statusCode(200);
        for (int i = 0; i < 100 && worker.processOnce().await().atMost(Duration.ofSeconds(30)); i++) {
            // drained one
        }

        stub.respondWith(request -> StubReply.error(500, "The server had an error while processing your request"));
        try (Warnings warnings = Warnings.capture()) {
            for (String message : List.of("I like quiet mornings", "I plan every trip", "I enjoy meeting people")) {
                turn(id, message).then().statusCode(503).body("_tag", equalTo("AgentInvocationError"));
            }
            // Each failed turn kept its message and queued its analysis: two attempts fail (three would end a job).
            for (int i = 0; i < 2; i++) {
                assertTrue(worker.processOnce().await().atMost(Duration.ofSeconds(30)), "a job was ready");
            }
            assertTrue(warnings.noErrorOrStackTrace(), warnings.lines().toString());
            assertEquals(1, lines(warnings, "dev.bigocean.conversation.ConversationService"), warnings.lines().toString());
            assertEquals(1, lines(warnings, AnalysisService.class.getName()), warnings.lines().toString());
            assertEquals(2, warnings.records().size(), "nothing else, LangChain4j's retries included: " + warnings.lines());
        }

        stub.respondWith(Stubs.nerin(REPLY));
        List<String> recovered;
        try (Warnings lines = Warnings.capture(Level.INFO)) {
            turn(id, "I like long walks").then().statusCode(200).body("response", equalTo(REPLY));
            assertTrue(worker.processOnce().await().atMost(Duration.ofSeconds(30)), "a job was ready");
            recovered = lines.records().stream().map(LogRecord::getMessage)
                    .filter(m -> m != null && m.contains("answers again")).toList();
        }
        assertTrue(recovered.contains("Nerin's model answers again (3 failure(s) since the outage began)"),
                recovered.toString());
        assertTrue(recovered.stream().anyMatch(line -> line.startsWith("The analyzer's model answers again")),
                recovered.toString());
    }
}
