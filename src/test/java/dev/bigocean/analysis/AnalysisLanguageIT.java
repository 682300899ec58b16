package dev.bigocean.analysis;

import static dev.bigocean.analysis.AnalyzerReplies.evidence;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bigocean.testsupport.RecordedRequest;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.StopAnalysisWorkers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The analyzer is told the session's language and keeps quotes verbatim in it. */
@QuarkusTest
@ExtendWith(StopAnalysisWorkers.class)
class AnalysisLanguageIT {

    @Inject
    AnalysisFixtures fixtures;

    @Inject
    AnalysisWorker worker;

    @BeforeEach
    void startWorkers() {
        AnalyzerReplies.install();
        worker.start();
    }

    static String start(String language) {
        return given().contentType(ContentType.JSON).body("{\"language\": \"" + language + "\"}")
                .when().post("/api/assessment/start").then().statusCode(200).extract().path("sessionId");
    }

    @Test
    void aGermanAnswerIsAnalysedAsGermanWithItsQuoteVerbatim() {
        String marker = AnalyzerReplies.marker();
        String quote = "Ich mache mir ständig Sorgen über Kleinigkeiten";
        AnalyzerReplies.when(marker, StubReply.json(evidence("anxiety", 16, 80, quote)));
        String session = start("de");
        UUID message = fixtures.userMessage(session, "Was beschäftigt dich, wenn du abends allein bist?",
                quote + ", ehrlich gesagt. " + marker);

        fixtures.awaitJob(message, "done");
        List<Map<String, Object>> rows = fixtures.evidence(message);
        assertEquals(1, rows.size());
        assertEquals(quote, rows.get(0).get("quote"));
        assertEquals(0, rows.get(0).get("highlight_start"));
        assertEquals(quote.length(), rows.get(0).get("highlight_end"));

        RecordedRequest request = AnalyzerReplies.requests(marker).get(0);
        assertTrue(request.lastUserText().contains("The conversation is in German (de)"), request.lastUserText());
        assertTrue(request.lastUserText().contains("never translate a quote"), request.lastUserText());
    }

    @Test
    void aJapaneseAnswerIsAnalysedAsJapanese() {
        String marker = AnalyzerReplies.marker();
        String quote = "週末はいつも一人で本を読んでいます";
        AnalyzerReplies.when(marker, StubReply.json(evidence("intellect", 15, 70, quote)));
        String session = start("ja");
        UUID message = fixtures.userMessage(session, "休みの日は何をしていますか？", quote + "。" + marker);

        fixtures.awaitJob(message, "done");
        assertEquals(quote, fixtures.evidence(message).get(0).get("quote"));
        RecordedRequest request = AnalyzerReplies.requests(marker).get(0);
        assertTrue(request.lastUserText().contains("The conversation is in Japanese (ja)"), request.lastUserText());
    }
}
