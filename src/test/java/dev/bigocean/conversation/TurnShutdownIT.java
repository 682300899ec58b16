package dev.bigocean.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.OpenAiStub;
import dev.bigocean.testsupport.Sql;
import dev.bigocean.testsupport.Sse;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Graceful stop, driven through {@link ConversationService#stop()} (what the Quarkus {@code ShutdownEvent} calls):
 * a turn still streaming after the grace ({@code %test}: 2 s) ends with one error event, its lock is released and a
 * retry after the restart ({@link ConversationService#start()}) is answered.
 */
@QuarkusTest
class TurnShutdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPLY = "That is a lovely memory. What do you think made that summer feel so free?";

    @Inject
    ConversationService conversation;

    OpenAiStub stub;

    @BeforeEach
    void resetStub() {
        stub = InfrastructureResource.stub();
        stub.reset();
    }

    @AfterEach
    void restart() {
        conversation.start();
    }

    /** Starts a streamed turn; the returned body completes when the stream ends, the latch when its first token came. */
    static CompletableFuture<String> streamInBackground(String sessionId, String message, CountDownLatch firstToken)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/assessment/message"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sessionId", sessionId,
                        "message", message))))
                .build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder body = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    body.append(line).append('\n');
                    if (line.startsWith("event: token") || line.startsWith("event:token")) {
                        firstToken.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return body.toString();
        });
    }

    @Test
    void aTurnStillStreamingAfterTheGraceEndsWithAnErrorEventAndLeavesTheSessionFree() throws Exception {
        // About 20 chunks, 600 ms apart: this reply needs ~12 s, far more than the grace.
        stub.respondWith(Stubs.nerin(StubReply.text(REPLY).delayBetweenChunks(Duration.ofMillis(600))));
        String id = Api.startSession();
        CountDownLatch firstToken = new CountDownLatch(1);
        CompletableFuture<String> body = streamInBackground(id, "I remember one summer by the lake.", firstToken);
        assertTrue(firstToken.await(20, TimeUnit.SECONDS), "the turn started streaming");

        conversation.stop();

        String events = body.get(20, TimeUnit.SECONDS);
        List<Sse.Event> parsed = Sse.parse(events);
        assertEquals("token", parsed.get(0).name(), events);
        assertEquals(List.of("error"), parsed.stream().map(Sse.Event::name).filter(n -> !n.equals("token")).toList(), events);
        assertEquals("AgentInvocationError", JSON.readTree(parsed.get(parsed.size() - 1).data()).get("_tag").asText());
        assertNull(Sql.single("SELECT turn_lock FROM assessment_session WHERE id = ?", UUID.fromString(id)),
                "the interrupted turn released its lock");
        given().contentType(ContentType.JSON).body(Map.of("sessionId", id, "message", "Hello?"))
                .post("/api/assessment/message").then().statusCode(503).body("_tag", equalTo("AgentInvocationError"));

        conversation.start(); // the next instance
        stub.respondWith(Stubs.nerin(REPLY));
        given().contentType(ContentType.JSON).body(Map.of("sessionId", id, "message", "I remember one summer by the lake."))
                .post("/api/assessment/message").then().statusCode(200).body("response", equalTo(REPLY));
        given().get("/api/assessment/{id}/resume", id).then()
                .body("messages.role", equalTo(List.of("assistant", "user", "assistant")));
    }

    @Test
    void aTurnThatFinishesWithinTheGraceIsAnsweredNormally() throws Exception {
        // Three or four chunks 150 ms apart: well within the 2 s grace.
        stub.respondWith(Stubs.nerin(StubReply.text("Tell me more about it, please.").delayBetweenChunks(Duration.ofMillis(150))));
        String id = Api.startSession();
        CountDownLatch firstToken = new CountDownLatch(1);
        CompletableFuture<String> body = streamInBackground(id, "I like the mountains.", firstToken);
        assertTrue(firstToken.await(20, TimeUnit.SECONDS), "the turn started streaming");

        conversation.stop();

        List<Sse.Event> parsed = Sse.parse(body.get(20, TimeUnit.SECONDS));
        assertEquals("done", parsed.get(parsed.size() - 1).name());
        given().get("/api/assessment/{id}/resume", id).then()
                .body("messages.role", equalTo(List.of("assistant", "user", "assistant")));
    }
}
