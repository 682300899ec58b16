package dev.bigocean.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** A refused connection to the model endpoint is a 503 AgentInvocationError, and the user's message is kept. */
@QuarkusTest
@TestProfile(NerinUnreachableIT.Unreachable.class)
class NerinUnreachableIT {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
            return Map.of("quarkus.langchain4j.openai.nerin.base-url", "http://127.0.0.1:9/v1");
        }
    }

    @Test
    void refusedConnectionGives503AndKeepsTheMessage() {
        String id = Api.startSession();
        given().contentType(ContentType.JSON).body(Map.of("sessionId", id, "message", "Is anyone there?"))
                .post("/api/assessment/message").then().statusCode(503)
                .body("_tag", equalTo("AgentInvocationError")).body("agentName", equalTo("nerin"))
                .body("sessionId", equalTo(id));
        given().get("/api/assessment/{id}/resume", id).then().statusCode(200)
                .body("messages.size()", equalTo(2))
                .body("messages[1].content", equalTo("Is anyone there?"));
    }
}
