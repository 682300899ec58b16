package dev.bigocean.conversation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.OpenAiStub;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * More streamed turns in flight than the REST client's default connection pool (50 per client) all reach the model at
 * once: the stub holds every Nerin request until {@value #TURNS} have arrived, and only then answers. With the default
 * pool, the 51st turn would wait for a connection that none of the first 50 gives back, and the stub would answer
 * "not all arrived". The first-token timeout is longer than the stub's wait, so no turn is retried meanwhile.
 */
@QuarkusTest
@TestProfile(ModelConnectionPoolIT.PatientFirstToken.class)
class ModelConnectionPoolIT {

    public static class PatientFirstToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.fault-tolerance.\"dev.bigocean.conversation.NerinAgent/open\".timeout.value", "15000",
                    "quarkus.langchain4j.openai.nerin.timeout", "20s");
        }
    }

    private static final int TURNS = 60;
    private static final String ALL = "All of you arrived together. What does a calm morning look like for you?";
    private static final String SOME = "Not all arrived.";

    @Test
    void moreTurnsThanTheDefaultPoolReachTheModelAtOnce() throws Exception {
        OpenAiStub stub = InfrastructureResource.stub();
        stub.reset();
        CountDownLatch arrived = new CountDownLatch(TURNS);
        stub.respondWith(request -> {
            if (!Stubs.isNerin(request)) {
                return StubReply.json(Stubs.EMPTY_ANALYSIS);
            }
            arrived.countDown();
            try {
                return StubReply.text(arrived.await(10, TimeUnit.SECONDS) ? ALL : SOME);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return StubReply.text(SOME);
            }
        });
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < TURNS; i++) {
            sessions.add(Api.startSession());
        }
        ExecutorService clients = Executors.newFixedThreadPool(TURNS);
        try {
            List<Future<String>> replies = new ArrayList<>();
            for (String session : sessions) {
                replies.add(clients.submit(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("sessionId", session, "message", "I like quiet mornings by the window."))
                        .post("/api/assessment/message").then().statusCode(200).extract().path("response")));
            }
            for (Future<String> reply : replies) {
                assertEquals(ALL, reply.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
