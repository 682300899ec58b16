package dev.bigocean.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bigocean.scoring.ConversationContent;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.Sse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Without an API key a newcomer can hold a whole conversation with the deterministic local interviewer. */
@QuarkusTest
@TestProfile(OfflineConversationIT.Offline.class)
public class OfflineConversationIT {

    public static class Offline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bigocean.llm.mode", "offline");
        }
    }

    @Test
    void healthSaysOffline() {
        given().get("/q/health").then().statusCode(200)
                .body("checks.find { it.name == 'big-ocean' }.data.mode", equalTo("offline"))
                .body("checks.find { it.name == 'big-ocean' }.data.nerin", equalTo("offline"));
    }

    @Test
    void aFullConversationWorksWithoutAKey() {
        InfrastructureResource.stub().reset();
        String id = Api.startSession();
        List<String> answers = List.of(
                "Last weekend I organised a picnic for my friends and planned every detail.",
                "I get nervous before big presentations, but I prepare a lot.",
                "I love reading science fiction and daydreaming about other worlds.");
        String previous = null;
        for (String answer : answers) {
            String reply = given().contentType(ContentType.JSON).body(Map.of("sessionId", id, "message", answer))
                    .post("/api/assessment/message").then().statusCode(200).extract().path("response");
            assertTrue(reply.contains("?"), reply);
            assertTrue(reply.contains(answer.substring(0, 20)), "the reply echoes the user's words: " + reply);
            assertTrue(!reply.equals(previous), "each turn asks something new");
            previous = reply;
        }
        String streamed = given().contentType(ContentType.JSON).accept("text/event-stream").header("Accept-Encoding", "gzip")
                .body(Map.of("sessionId", id, "message", "Mornings are my favourite time of day."))
                .post("/api/assessment/message").then().statusCode(200)
                .header("Content-Encoding", org.hamcrest.Matchers.nullValue()) // never compressed: tokens flush as they come
                .extract().asString();
        List<Sse.Event> events = Sse.parse(streamed);
        assertTrue(events.size() > 3);
        assertEquals("done", events.get(events.size() - 1).name());
        assertTrue(streamed.contains("Mornings are my favourite time of day"), "the reply echoes the user's words");
        given().get("/api/assessment/{id}/resume", id).then().statusCode(200)
                .body("messages.size()", equalTo(1 + 2 * 4))
                .body("messages.role", hasItem("user"));
        assertEquals(0, InfrastructureResource.stub().requests().size(), "offline mode never calls the network");
    }

    @Test
    void aGermanSessionIsInterviewedInGermanOffline() {
        ConversationContent.Bank german = ConversationContent.get().bank("de");
        List<String> englishQuestions = ConversationContent.get().bank(ConversationContent.ENGLISH).allQuestions();
        String id = given().contentType(ContentType.JSON).body(Map.of("language", "de"))
                .post("/api/assessment/start").then().statusCode(200).extract().path("sessionId");
        String previous = null;
        for (String answer : List.of("Am Samstag war ich mit Freunden wandern, und abends haben wir gekocht.",
                "Vor Prüfungen bin ich nervös, aber ich bereite mich gut vor.")) {
            String reply = given().contentType(ContentType.JSON).body(Map.of("sessionId", id, "message", answer))
                    .post("/api/assessment/message").then().statusCode(200).extract().path("response");
            assertTrue(german.allQuestions().stream().anyMatch(reply::endsWith), "a German question: " + reply);
            assertTrue(englishQuestions.stream().noneMatch(reply::contains), "no English question: " + reply);
            assertTrue(reply.contains(answer.substring(0, 16)), "the reply echoes the user's words: " + reply);
            assertTrue(!reply.equals(previous), "each turn asks something new");
            previous = reply;
        }
        String streamed = given().contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("sessionId", id, "message", "Morgens bin ich am liebsten allein."))
                .post("/api/assessment/message").then().statusCode(200).extract().asString();
        assertTrue(german.allQuestions().stream().anyMatch(streamed::contains), "a German question, streamed: " + streamed);
    }
}
