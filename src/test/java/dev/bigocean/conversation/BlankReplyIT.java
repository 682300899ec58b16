package dev.bigocean.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.OpenAiStub;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A model that answers a turn with nothing (no content, or only whitespace) failed that turn: 503 AgentInvocationError
 * with the user's message kept, as for any other model failure, and no blank reply from Nerin stored or shown.
 */
@QuarkusTest
class BlankReplyIT {

    OpenAiStub stub;

    @BeforeEach
    void setUp() {
        stub = InfrastructureResource.stub();
        stub.reset();
    }

    @AfterEach
    void tearDown() {
        stub.reset();
    }

    @Test
    void aBlankReplyIsAModelFailureAndTheMessageIsKept() {
        for (StubReply blank : new StubReply[] { StubReply.text(""), StubReply.chunks(" ", "\n") }) {
            stub.respondWith(Stubs.nerin(blank));
            String id = Api.startSession();
            given().contentType(ContentType.JSON).body(Map.of("sessionId", id, "message", "I like long walks"))
                    .post("/api/assessment/message").then().statusCode(503)
                    .body("_tag", equalTo("AgentInvocationError")).body("sessionId", equalTo(id));
            given().get("/api/assessment/{id}/resume", id).then().statusCode(200)
                    .body("messages.size()", equalTo(2))
                    .body("messages[1].role", equalTo("user"))
                    .body("messages[1].content", equalTo("I like long walks"));

            // The same message again, once the model answers: the turn completes on the kept message.
            stub.respondWith(Stubs.nerin("What do you enjoy most about them?"));
            given().contentType(ContentType.JSON).body(Map.of("sessionId", id, "message", "I like long walks"))
                    .post("/api/assessment/message").then().statusCode(200)
                    .body("response", equalTo("What do you enjoy most about them?"));
            given().get("/api/assessment/{id}/resume", id).then().statusCode(200)
                    .body("messages.size()", equalTo(3));
        }
    }

    @Test
    void aStreamedTurnAnsweredWithNothingIsTheSameError() {
        stub.respondWith(Stubs.nerin(StubReply.text("")));
        String id = Api.startSession();
        given().contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("sessionId", id, "message", "I like long walks"))
                .post("/api/assessment/message").then().statusCode(503).contentType(startsWith("application/json"))
                .body("_tag", equalTo("AgentInvocationError"));
        given().get("/api/assessment/{id}/resume", id).then().statusCode(200).body("messages.size()", equalTo(2));
    }
}
