package dev.bigocean.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bigocean.analysis.AnalysisWorker;
import dev.bigocean.identity.Accounts;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.FreezableProxy;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.OpenAiStub;
import dev.bigocean.testsupport.Sse;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.Stubs;
import dev.bigocean.testsupport.Warnings;
import dev.bigocean.web.ErrorMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * PostgreSQL stops answering without closing its connections (frozen, or gone without a reset): the application's pool
 * reaches it through a proxy that holds every byte back. Four times the pool size of requests of every kind (plain SQL
 * reads and writes, a turn's transaction, Hibernate Reactive's sign-in and session lookup) each answer 503
 * {@code DatabaseError} within {@code bigocean.db.timeout} plus the acquisition wait, instead of waiting until the server
 * answers again; once it does, the same application serves them all with nothing lost, without an ERROR in the log.
 */
@QuarkusTest
@TestProfile(DatabaseTimeoutIT.Frozen.class)
class DatabaseTimeoutIT {

    static final int POOL = 4;
    /** The proxy's port: the profile, loaded by another class loader than this test, starts it once per JVM. */
    static final String PROXY_PORT = "bigocean.test.frozen-postgres-proxy";

    public static class Frozen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int proxy = FreezableProxy.shared(PROXY_PORT, InfrastructureResource.POSTGRES_PORT);
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy + "/postgres",
                    "quarkus.datasource.reactive.max-size", String.valueOf(POOL),
                    "bigocean.db.timeout", "PT1S",
                    "bigocean.db.acquire-timeout", "PT2S",
                    // Redis is not frozen here, but the test's hundred client threads share the two cores with the
                    // application's event loops: a Redis reply can wait past the usual 1 s there and fall back to
                    // memory, a WARN that is not this test's subject.
                    "bigocean.outage.redis-timeout", "PT10S");
        }
    }

    @Inject
    Pool pool;

    @Inject
    AnalysisWorker worker;

    @Inject
    @MaintenancePool
    Pool maintenance;

    @Test
    void aSlowStatementIsBoundedExceptForMaintenance() {
        String slow = "SELECT pg_sleep(1.5)";
        RuntimeException statement = assertThrows(RuntimeException.class, () -> pool.query(slow).execute().await().indefinitely());
        assertTrue(ErrorMapper.isDatabaseTimeout(statement), statement.toString());
        RuntimeException transaction = assertThrows(RuntimeException.class,
                () -> pool.withTransaction(tx -> tx.query(slow).execute()).await().indefinitely());
        assertTrue(ErrorMapper.isDatabaseTimeout(transaction), transaction.toString());
        assertEquals(1, maintenance.query(slow).execute().await().indefinitely().size());
    }

    /**
     * PostgreSQL stops answering while Nerin streams: the reply cannot be stored, so the stream ends with one
     * {@code DatabaseError} event, the turn lock is released once PostgreSQL answers again, and nothing is logged as an
     * ERROR (the lock's release failing during the outage included).
     */
    @Test
    void aTurnWhoseReplyCannotBeStoredEndsWithDatabaseError() throws Exception {
        OpenAiStub stub = InfrastructureResource.stub();
        stub.reset();
        stub.respondWith(Stubs.nerin(StubReply.text("Thank you. What does a calm evening look like for you?")
                .delayBetweenChunks(Duration.ofMillis(200))));
        String sessionId = Api.startSession();
        int proxy = Integer.getInteger(PROXY_PORT);
        ExecutorService client = Executors.newSingleThreadExecutor();
        Warnings warnings = Warnings.capture();
        String body;
        try {
            Future<String> stream = client.submit(() -> given().contentType(ContentType.JSON).accept("text/event-stream")
                    .body(message(sessionId, "I like long walks by the sea")).post("/api/assessment/message")
                    .then().statusCode(200).extract().asString());
            await().atMost(Duration.ofSeconds(10)).until(() -> Stubs.nerinRequests(stub).size() == 1);
            FreezableProxy.freeze(proxy);
            try {
                body = stream.get(30, TimeUnit.SECONDS);
            } finally {
                FreezableProxy.thaw(proxy);
            }
        } finally {
            client.shutdownNow();
            warnings.close();
        }
        List<Sse.Event> events = Sse.parse(body);
        assertEquals("error", events.get(events.size() - 1).name(), body);
        assertEquals("DatabaseError", new ObjectMapper().readTree(events.get(events.size() - 1).data()).get("_tag").asText());
        assertTrue(warnings.noErrorOrStackTrace(), "no ERROR and no stack trace: " + warnings.lines());

        // The lock's release, sent during the outage, runs once PostgreSQL answers: the session takes turns again.
        await().atMost(Duration.ofSeconds(10)).until(() -> given().contentType(ContentType.JSON)
                .body(message(sessionId, "I enjoy reading about distant places")).post("/api/assessment/message")
                .statusCode() == 200);
    }

    /**
     * The analysis workers' LISTEN connection opens, then is lost before its {@code LISTEN} statement is answered (a
     * server going away between the two): one WARN from the workers and no ERROR (Vert.x's own log of that failure is
     * silenced, as the workers report it), and the next attempt listens.
     */
    @Test
    void aListenConnectionLostBeforeItListensIsOneWarnAndTriedAgain() {
        int proxy = Integer.getInteger(PROXY_PORT);
        String since = maintenance.query("SELECT now()::text").execute().await().indefinitely().iterator().next().getString(0);
        List<String> lines;
        FreezableProxy.cutOn(proxy, "LISTEN");
        try (Warnings warnings = Warnings.capture()) {
            worker.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> warnings.records().stream()
                        .anyMatch(r -> r.getLoggerName().equals(AnalysisWorker.class.getName())));
                FreezableProxy.stopCutting(proxy);
                await().atMost(Duration.ofSeconds(10)).until(() -> listeningSince(since) == 1);
                lines = warnings.lines();
                assertTrue(warnings.noErrorOrStackTrace(), "no ERROR and no stack trace: " + lines);
            } finally {
                worker.stop();
            }
        } finally {
            FreezableProxy.stopCutting(proxy);
        }
        assertEquals(1, lines.size(), "one WARN: " + lines);
        assertTrue(lines.get(0).contains(AnalysisWorker.class.getName() + ": LISTEN connection"), lines.get(0));
    }

    /** Backends started after {@code since} whose last statement was the workers' LISTEN. */
    private long listeningSince(String since) {
        return maintenance.preparedQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%analysis_jobs%'"
                + " AND backend_start > $1::text::timestamptz").execute(Tuple.of(since)).await().indefinitely().iterator().next().getLong(0);
    }

    private static String message(String sessionId, String text) {
        return "{\"sessionId\":\"" + sessionId + "\",\"message\":\"" + text + "\"}";
    }

    @Test
    void everyRequestAnswersWhilePostgresIsFrozenAndAllIsServedAgainAfterwards() throws Exception {
        String sessionId = Api.startSession();
        given().contentType(ContentType.JSON).body(message(sessionId, "I plan my week every Sunday evening"))
                .post("/api/assessment/message").then().statusCode(200);
        Accounts.Account account = Accounts.signUp();
        int acknowledged = given().get("/api/assessment/{id}/resume", sessionId).then().statusCode(200)
                .extract().path("messageCount");

        List<Callable<Response>> kinds = List.of(
                () -> given().get("/api/assessment/{id}/resume", sessionId),
                () -> given().get("/api/assessment/{id}/results", sessionId),
                () -> given().contentType(ContentType.JSON).body("{}").post("/api/assessment/start"),
                () -> given().contentType(ContentType.JSON).body(message(sessionId, "At parties I like meeting new people"))
                        .post("/api/assessment/message"),
                () -> given().cookie(Accounts.COOKIE, account.cookie()).get("/api/auth/get-session"),
                () -> given().contentType(ContentType.JSON)
                        .body("{\"email\":\"" + account.email() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                        .post("/api/auth/sign-in/email"));

        ExecutorService clients = Executors.newFixedThreadPool(4 * POOL * kinds.size());
        Warnings warnings = Warnings.capture();
        List<String> answers = new ArrayList<>();
        int proxy = Integer.getInteger(PROXY_PORT);
        FreezableProxy.freeze(proxy);
        try {
            List<Future<Response>> pending = new ArrayList<>();
            for (int i = 0; i < 4 * POOL; i++) {
                for (Callable<Response> kind : kinds) {
                    pending.add(clients.submit(kind));
                }
            }
            for (Future<Response> answer : pending) {
                // Without the deadline these wait for the proxy to thaw: 30 s is far past timeout + acquisition wait.
                Response response = answer.get(30, TimeUnit.SECONDS);
                answers.add(response.statusCode() + " " + response.path("_tag"));
            }
        } finally {
            FreezableProxy.thaw(proxy);
            clients.shutdownNow();
            warnings.close();
        }

        assertTrue(answers.stream().allMatch(a -> a.equals("503 DatabaseError") || a.equals("500 DatabaseError")),
                "every request answered DatabaseError while PostgreSQL was frozen: " + answers);
        assertTrue(warnings.noErrorOrStackTrace(), "no ERROR and no stack trace: " + warnings.lines());
        // Once for the requests and turns, and at most once by the analysis workers' poll.
        assertTrue(warnings.records().size() <= 2, "the outage is logged once: " + warnings.lines());

        // Served again without a restart, with everything acknowledged before the freeze.
        assertEquals(acknowledged, (int) given().get("/api/assessment/{id}/resume", sessionId).then().statusCode(200)
                .extract().path("messageCount"));
        given().contentType(ContentType.JSON).body(message(sessionId, "I enjoy reading about distant places"))
                .post("/api/assessment/message").then().statusCode(200);
        given().cookie(Accounts.COOKIE, account.cookie()).get("/api/auth/get-session").then().statusCode(200);
    }
}
