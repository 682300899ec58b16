package dev.bigocean.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bigocean.scoring.ConversationContent;
import dev.bigocean.scoring.Facet;
import dev.bigocean.analysis.AnalysisFixtures;
import dev.bigocean.analysis.AnalysisWorker;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.StopAnalysisWorkers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Offline mode completes: a person answering the offline interviewer sincerely reaches the share threshold within
 * 25 turns, is never asked the same question twice, and can share the profile.
 */
@QuarkusTest
@TestProfile(OfflineConversationIT.Offline.class)
@ExtendWith(StopAnalysisWorkers.class)
class OfflineCompletionIT {

    static final int TURNS = 25;

    @Inject
    AnalysisFixtures fixtures;

    @Inject
    AnalysisWorker worker;

    @Test
    void sincereAnswersReachTheShareThresholdWithin25Turns() {
        worker.start();
        String id = Api.startSession();
        String question = given().get("/api/assessment/{id}/resume", id).then().statusCode(200)
                .extract().path("messages[0].content");
        Set<String> asked = new HashSet<>();
        boolean complete = false;
        int turn = 0;
        while (!complete && turn < TURNS) {
            turn++;
            String answer = turn == 1 ? SincereAnswers.OPENING : SincereAnswers.to(question, turn);
            JsonPath reply = given().contentType(ContentType.JSON).body(Map.of("sessionId", id, "message", answer))
                    .post("/api/assessment/message").then().statusCode(200).extract().jsonPath();
            fixtures.awaitJob(UUID.fromString(reply.getString("userMessageId")), "done");
            question = reply.getString("response");
            complete = reply.getBoolean("assessmentComplete");
            if (!complete) {
                String asking = ConversationContent.get().bank(ConversationContent.ENGLISH).allQuestions().stream().filter(question::contains).findFirst()
                        .orElseThrow(() -> new AssertionError("no question of the bank in " + reply.getString("response")));
                assertTrue(asked.add(asking), "turn " + reply + " repeats a question: " + asking);
            }
        }
        JsonPath results = given().get("/api/assessment/{id}/results", id).then().statusCode(200).extract().jsonPath();
        int overall = results.getInt("overallConfidence");
        System.out.println("Offline run facets: " + results.getList("facets"));
        System.out.printf("Offline run: overallConfidence %d after %d turns (complete: %s)%n", overall, turn, complete);
        assertTrue(overall >= 70, "overallConfidence " + overall + " after " + turn + " turns");
        assertTrue(complete, "Nerin closed the assessment");
        given().contentType(ContentType.JSON).body(Map.of("sessionId", id)).post("/api/profile/share")
                .then().statusCode(200).body("isPublic", equalTo(true))
                .body("shareableUrl", startsWith("http"));
        assertFalse(asked.isEmpty());
    }

    /**
     * A German session answered offline with a consistent leaning per facet (one way for every other facet) is read by
     * its German stance words: it reaches the share threshold, and the facets come out as answered.
     */
    @Test
    void aGermanSessionIsReadByItsStanceAndReachesTheShareThreshold() {
        worker.start();
        ConversationContent.Bank german = ConversationContent.get().bank("de");
        String id = given().contentType(ContentType.JSON).body(Map.of("language", "de"))
                .post("/api/assessment/start").then().statusCode(200).extract().path("sessionId");
        String reply = "";
        boolean complete = false;
        for (int turn = 1; !complete && turn <= 40; turn++) {
            Facet asked = german.facetOfQuestionIn(reply).orElse(null);
            String answer = asked == null ? "Das hängt von der Situation ab, würde ich sagen."
                    : asked.ordinal() % 2 == 0 ? "Ja, das mache ich sehr oft und es macht mir Spaß."
                    : "Eher selten, das ist nicht so mein Ding.";
            JsonPath turnReply = given().contentType(ContentType.JSON).body(Map.of("sessionId", id, "message", answer))
                    .post("/api/assessment/message").then().statusCode(200).extract().jsonPath();
            fixtures.awaitJob(UUID.fromString(turnReply.getString("userMessageId")), "done");
            reply = turnReply.getString("response");
            complete = turnReply.getBoolean("assessmentComplete");
        }
        JsonPath results = given().get("/api/assessment/{id}/results", id).then().statusCode(200).extract().jsonPath();
        assertTrue(complete, "Nerin closed the assessment");
        assertTrue(results.getInt("overallConfidence") >= 70, "overallConfidence " + results.getInt("overallConfidence"));
        for (Facet facet : Facet.values()) {
            float score = results.getFloat("facets.find { it.name == '" + facet.apiName() + "' }.score");
            assertTrue(facet.ordinal() % 2 == 0 ? score > 10 : score < 10, facet.apiName() + " scored " + score);
        }
        given().contentType(ContentType.JSON).body(Map.of("sessionId", id)).post("/api/profile/share")
                .then().statusCode(200).body("isPublic", equalTo(true));
    }
}
