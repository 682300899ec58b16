package dev.bigocean.analysis;

import static dev.bigocean.analysis.AnalyzerReplies.evidence;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.StopAnalysisWorkers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A real Nerin turn enqueues its analysis; the turn never waits for it, and its evidence reaches the results. */
@QuarkusTest
@ExtendWith(StopAnalysisWorkers.class)
class AnalysisConversationIT {

    @Inject
    AnalysisFixtures fixtures;

    @Inject
    AnalysisWorker worker;

    @BeforeEach
    void startWorkers() {
        AnalyzerReplies.install();
        worker.start();
    }

    private static UUID turn(String sessionId, String text) {
        String id = given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(Map.of("sessionId", sessionId, "message", text))
                .when().post("/api/assessment/message")
                .then().statusCode(200).extract().path("userMessageId");
        return UUID.fromString(id);
    }

    @Test
    void aTurnsUserMessageIsAnalysedAgainstNerinsQuestionAndFeedsTheResults() {
        String marker = AnalyzerReplies.marker();
        String text = "I love throwing big parties and I daydream constantly. " + marker;
        AnalyzerReplies.when(marker, StubReply.json(evidence(
                "gregariousness", 18, 80, "I love throwing big parties",
                "imagination", 16, 70, "I daydream constantly")));
        String session = Api.startSession();
        String greeting = given().get("/api/assessment/{id}/resume", session).then().statusCode(200)
                .extract().path("messages[0].content");

        UUID message = turn(session, text);

        fixtures.awaitJob(message, "done");
        given().when().get("/api/evidence/message/{id}", message).then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].facetName", equalTo("gregariousness"))
                .body("[0].highlightRange.start", equalTo(0))
                .body("[0].highlightRange.end", equalTo(27));
        given().when().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("facets.find { it.name == 'gregariousness' }.score", equalTo(18.0f))
                .body("facets.find { it.name == 'gregariousness' }.confidence", equalTo(80))
                .body("overallConfidence", greaterThan(0));
        String prompt = AnalyzerReplies.requests(marker).get(0).lastUserText();
        assertTrue(prompt.contains("<interviewer_question>" + greeting + "</interviewer_question>"), prompt);
    }

    @Test
    void theTurnNeitherWaitsForNorFailsWithTheAnalyzer() {
        String marker = AnalyzerReplies.marker();
        AnalyzerReplies.when(marker, StubReply.error(500, "analyzer down").delayBeforeFirstByte(Duration.ofMillis(1500)));
        String session = Api.startSession();

        UUID message = turn(session, "Mostly I read in the evenings. " + marker);

        Map<String, Object> job = fixtures.job(message);
        assertNotEquals("done", job.get("status"), "the reply came before the analysis: " + job);
        assertNotEquals("failed", job.get("status"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(fixtures.job(message).get("status")));
        assertEquals("AnalyzerError", fixtures.job(message).get("error_tag"));
        given().when().get("/api/assessment/{id}/resume", session).then().statusCode(200)
                .body("messages", hasSize(3));
    }
}
