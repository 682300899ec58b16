package dev.bigocean.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.bigocean.identity.Accounts;
import dev.bigocean.scoring.Facet;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.EvidenceRows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Four times the pool size of concurrent requests against every endpoint that reads or writes the database: each
 * request holds at most one pooled connection at a time, so all of them complete (a request that could not get a
 * connection in time would answer 503 DatabaseError, and one that held two at once would deadlock the pool).
 */
@QuarkusTest
@TestProfile(PoolSaturationIT.SmallPool.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoolSaturationIT {

    static final int POOL = 4;
    static final int CONCURRENT = 4 * POOL;

    /** A small pool so that the test passes its size many times over without a large load. */
    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The model's first-token timeout is raised: this test is about the pool, not about a slow stub on a busy machine.
            return Map.of("quarkus.datasource.reactive.max-size", String.valueOf(POOL),
                    "bigocean.db.acquire-timeout", "PT10S",
                    "quarkus.fault-tolerance.\"dev.bigocean.conversation.NerinAgent/open\".timeout.value", "30000");
        }
    }

    @Inject
    Pool pool;

    final ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT);
    String session;
    String messageId;
    String profileId;
    Accounts.Account account;

    @BeforeEach
    void seed() {
        if (session != null) {
            return;
        }
        session = Api.startSession();
        for (int i = 0; i < 20; i++) {
            UUID message = UUID.randomUUID();
            messageId = message.toString();
            pool.preparedQuery("""
                    INSERT INTO assessment_message (id, session_id, seq, role, content)
                    VALUES ($1, $2, (SELECT max(seq) + 1 FROM assessment_message WHERE session_id = $2), 'user', 'I like quiet mornings')""")
                    .execute(Tuple.of(message, UUID.fromString(session))).await().indefinitely();
            for (int j = 0; j < 8; j++) {
                EvidenceRows.insert(pool, session, messageId, Facet.values()[(i * 8 + j) % 30], 10 + (i + j) % 4, 80);
            }
        }
        profileId = given().contentType(ContentType.JSON).body("{\"sessionId\":\"" + session + "\"}")
                .post("/api/profile/share").then().statusCode(200).extract().path("publicProfileId");
        account = Accounts.signUp();
    }

    @AfterAll
    void stop() {
        clients.shutdownNow();
    }

    @Test
    void readsOfOneSessionAllComplete() throws Exception {
        all(200, () -> given().get("/api/assessment/{id}/results", session));
        all(200, () -> given().get("/api/assessment/{id}/resume", session));
        all(200, () -> given().queryParam("sessionId", session).queryParam("facetName", "imagination").get("/api/evidence/facet"));
        all(200, () -> given().get("/api/evidence/message/{id}", messageId));
        all(200, () -> given().get("/api/profile/{id}", profileId));
    }

    @Test
    void writesAllComplete() throws Exception {
        all(200, () -> given().contentType(ContentType.JSON).body("{}").post("/api/assessment/start"));
        all(200, () -> given().contentType(ContentType.JSON).body("{\"sessionId\":\"" + session + "\"}").post("/api/profile/share"));
        all(200, () -> given().contentType(ContentType.JSON)
                .body("{\"sessionId\":\"" + Api.startSession() + "\",\"message\":\"I plan every weekend carefully\"}")
                .post("/api/assessment/message"));
        String item = given().get("/api/questionnaire").then().statusCode(200).extract().path("items[0].id");
        all(200, () -> given().contentType(ContentType.JSON).body("{\"answers\":{\"" + item + "\":4}}")
                .put("/api/assessment/{id}/questionnaire", session));
    }

    @Test
    void signedInRequestsAllComplete() throws Exception {
        all(200, () -> given().cookie(Accounts.COOKIE, account.cookie()).get("/api/auth/get-session"));
        all(200, () -> given().contentType(ContentType.JSON).cookie(Accounts.COOKIE, account.cookie())
                .body("{}").post("/api/assessment/start").then().extract().response(), 200, 429);
    }

    private void all(int status, Callable<Response> request) throws Exception {
        all(status, request, status, status);
    }

    /** Sends {@link #CONCURRENT} requests at once; every one must answer, with one of the accepted statuses. */
    private void all(int status, Callable<Response> request, int accepted, int alsoAccepted) throws Exception {
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            answers.add(clients.submit(request));
        }
        for (Future<Response> answer : answers) {
            Response response = answer.get(60, TimeUnit.SECONDS);
            int code = response.statusCode();
            if (code != accepted && code != alsoAccepted) {
                assertEquals(status, code, response.asString());
            }
        }
    }
}
