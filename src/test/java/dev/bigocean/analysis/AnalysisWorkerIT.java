package dev.bigocean.analysis;

import static dev.bigocean.analysis.AnalyzerReplies.evidence;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bigocean.analysis.AnalysisJobRepository.Claim;
import dev.bigocean.analysis.AnalysisJobRepository.Usage;
import dev.bigocean.scoring.Facet;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.StopAnalysisWorkers;
import dev.bigocean.testsupport.Warnings;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Exactly-once analysis: leases, fencing, killed workers, racing workers and graceful stop. The background loops are
 * stopped so each test drives the queue itself.
 */
@QuarkusTest
@ExtendWith(StopAnalysisWorkers.class)
class AnalysisWorkerIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String QUESTION = "How do you spend a free afternoon?";

    @Inject
    AnalysisFixtures fixtures;

    @Inject
    AnalysisWorker worker;

    @Inject
    AnalysisJobRepository jobs;

    @Inject
    AnalysisService service;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int poolSize;

    @ConfigProperty(name = "bigocean.db.acquire-timeout")
    Duration acquireTimeout;

    @BeforeEach
    void driveTheQueueByHand() {
        AnalyzerReplies.install();
        worker.stop();
        fixtures.quiesce();
    }

    private Claim claim(Duration lease) {
        return jobs.claim(lease, 3).await().atMost(WAIT);
    }

    private boolean processOnce() {
        return worker.processOnce().await().atMost(WAIT);
    }

    private void expireLease(UUID jobId) {
        fixtures.update("UPDATE analysis_job SET locked_until = now() - interval '1 second' WHERE id = $1", jobId);
    }

    private UUID daydreamMessage(String marker) {
        AnalyzerReplies.when(marker, StubReply.json(evidence("imagination", 16, 70, "I daydream every single day")));
        return fixtures.userMessage(AnalysisFixtures.startSession(), QUESTION, "I daydream every single day. " + marker);
    }

    @Test
    void anAbandonedClaimIsTakenOverAfterItsLeaseAndTheLateWorkerIsFencedOut() {
        UUID message = daydreamMessage(AnalyzerReplies.marker());
        Claim dead = claim(Duration.ofSeconds(30));
        assertEquals(message, dead.messageId());
        assertFalse(processOnce(), "a leased job belongs to its worker");

        expireLease(dead.jobId());
        assertTrue(processOnce(), "an expired lease is claimable");
        Map<String, Object> job = fixtures.awaitJob(message, "done");
        assertEquals(2, job.get("attempts"));
        assertEquals(1, fixtures.evidence(message).size());

        // The first worker comes back (GC pause, network partition) and tries to finish: its token no longer counts.
        EvidenceValidator.Valid late = new EvidenceValidator.Valid(Facet.IMAGINATION, 3, 90, "I daydream", 0, 10);
        assertFalse(jobs.complete(dead, List.of(late), 0, Usage.NONE).await().atMost(WAIT));
        assertNull(jobs.fail(dead, "AnalyzerError", "late", Usage.NONE, 3, Duration.ZERO).await().atMost(WAIT));
        assertEquals(1, fixtures.evidence(message).size());
        assertEquals("done", fixtures.job(message).get("status"));
    }

    @Test
    void aWorkerKilledInsideItsTransactionLeavesNothingAndTheJobIsAnalysedOnce() {
        UUID message = daydreamMessage(AnalyzerReplies.marker());
        Claim claim = claim(Duration.ofSeconds(30));
        EvidenceValidator.Valid row = new EvidenceValidator.Valid(Facet.IMAGINATION, 16, 70, "I daydream", 0, 10);

        SqlConnection connection = fixtures.pool().getConnection().await().atMost(WAIT);
        connection.begin().await().atMost(WAIT);
        assertTrue(jobs.complete(connection, claim, List.of(row), 0, Usage.NONE).await().atMost(WAIT));
        assertTrue(fixtures.evidence(message).isEmpty(), "not visible before commit");
        connection.close().await().atMost(WAIT); // the worker dies: connection gone, PostgreSQL rolls back

        assertTrue(fixtures.evidence(message).isEmpty());
        Map<String, Object> job = fixtures.job(message);
        assertEquals("running", job.get("status"));
        assertEquals(claim.lockToken(), job.get("lock_token"));

        expireLease(claim.jobId());
        assertTrue(processOnce());
        fixtures.awaitJob(message, "done");
        List<Map<String, Object>> rows = fixtures.evidence(message);
        assertEquals(1, rows.size());
        assertEquals("I daydream every single day", rows.get(0).get("quote"));
    }

    @Test
    void workersRacingOnOneQueueAnalyseEveryJobExactlyOnce() throws Exception {
        String marker = AnalyzerReplies.marker();
        AnalyzerReplies.when(marker, StubReply.json(evidence("imagination", 16, 70, "I daydream"))
                .delayBeforeFirstByte(Duration.ofMillis(20)));
        String session = AnalysisFixtures.startSession();
        List<UUID> messages = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            messages.add(fixtures.userMessage(session, QUESTION, "I daydream, note " + i + ". " + marker));
        }

        // Two "instances" draining by hand, plus this instance's own worker loops, all on the same queue.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Callable<Integer> drain = () -> {
            int n = 0;
            while (processOnce()) {
                n++;
            }
            return n;
        };
        Future<Integer> a = threads.submit(drain);
        Future<Integer> b = threads.submit(drain);
        worker.start();
        int byHand = a.get() + b.get();
        threads.shutdown();

        for (UUID message : messages) {
            Map<String, Object> job = fixtures.awaitJob(message, "done");
            assertEquals(1, job.get("attempts"), job.toString());
            assertEquals(1, fixtures.evidence(message).size(), message.toString());
        }
        assertTrue(byHand <= messages.size());
        assertEquals(messages.size(), AnalyzerReplies.requests(marker).size(), "no job was analysed twice");
    }

    @Test
    void aGracefulStopHandsBackInFlightJobsWhichTheNextStartAnalysesOnce() {
        String marker = AnalyzerReplies.marker();
        // Slower than the stop grace (1 s in tests), faster than the analyzer timeout (2 s).
        AnalyzerReplies.when(marker, StubReply.json(evidence("imagination", 16, 70, "I daydream every single day"))
                .delayBeforeFirstByte(Duration.ofMillis(1500)));
        worker.start();
        UUID message = fixtures.userMessage(AnalysisFixtures.startSession(), QUESTION, "I daydream every single day. " + marker);
        fixtures.awaitJob(message, "running");

        worker.stop();
        Map<String, Object> handedBack = fixtures.job(message);
        assertEquals("pending", handedBack.get("status"));
        assertNull(handedBack.get("lock_token"));
        assertEquals(0, handedBack.get("attempts"), "a stop is not a failed attempt");

        worker.start();
        Map<String, Object> job = fixtures.awaitJob(message, "done");
        assertEquals(1, job.get("attempts"));
        // The first call still finishes after the stop: its completion is fenced out, so one row only.
        await().atMost(WAIT).until(() -> AnalyzerReplies.requests(marker).size() >= 2);
        assertEquals(1, fixtures.evidence(message).size());
    }

    /**
     * Past the pool's size: a worker loop that gets no pooled connection within the acquisition timeout tries again
     * after the poll interval. A busy pool is the load's, not a fault of the service: no ERROR, no stack trace.
     */
    @Test
    void aWorkerThatGetsNoPooledConnectionInTimeTriesAgainWithoutAnError() throws Exception {
        UUID message = daydreamMessage(AnalyzerReplies.marker());
        List<SqlConnection> held = new ArrayList<>();
        List<LogRecord> logged;
        try (Warnings warnings = Warnings.capture()) {
            try {
                for (int i = 0; i < poolSize; i++) {
                    held.add(fixtures.pool().getConnection().await().atMost(WAIT));
                }
                worker.start(); // its loops ask the full pool for a connection and wait
                Thread.sleep(acquireTimeout.plusMillis(500).toMillis());
            } finally {
                held.forEach(connection -> connection.close().await().atMost(WAIT));
            }
            Map<String, Object> job = fixtures.awaitJob(message, "done");
            assertEquals(1, job.get("attempts"), "a claim that got no connection is no attempt");
            logged = warnings.records();
        } finally {
            worker.stop();
        }
        assertTrue(Warnings.noErrorOrStackTrace(logged),
                "no ERROR and no stack trace: " + logged.stream().map(LogRecord::getMessage).toList());
        assertEquals(1, fixtures.evidence(message).size());
    }

    @Test
    void aCallLongerThanTheLeaseKeepsItsJobBecauseTheLeaseIsRenewed() throws Exception {
        String marker = AnalyzerReplies.marker();
        AnalyzerReplies.when(marker, StubReply.json(evidence("imagination", 16, 70, "I daydream every single day"))
                .delayBeforeFirstByte(Duration.ofMillis(1500)));
        UUID message = fixtures.userMessage(AnalysisFixtures.startSession(), QUESTION, "I daydream every single day. " + marker);

        // A 600 ms lease, renewed every 200 ms, around a 1.5 s call; meanwhile another worker keeps trying to claim.
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Boolean> slow = thread.submit(() -> worker.processOnce(Duration.ofMillis(600)).await().atMost(WAIT));
        await().atMost(WAIT).until(() -> "running".equals(fixtures.job(message).get("status")));
        while (!slow.isDone()) {
            assertNull(claim(Duration.ofSeconds(30)), "the job was taken from a live worker");
            Thread.sleep(100);
        }
        assertTrue(slow.get());
        thread.shutdown();
        Map<String, Object> job = fixtures.awaitJob(message, "done");
        assertEquals(1, job.get("attempts"));
        assertEquals(1, AnalyzerReplies.requests(marker).size());
        assertEquals(1, fixtures.evidence(message).size());
    }

    @Test
    void aJobWhoseLastAttemptWasAbandonedIsFailed() {
        UUID message = daydreamMessage(AnalyzerReplies.marker());
        fixtures.update("UPDATE analysis_job SET attempts = 2 WHERE message_id = $1", message);
        Claim last = claim(Duration.ofSeconds(30));
        assertEquals(3, last.attempts());
        expireLease(last.jobId());
        assertNull(claim(Duration.ofSeconds(30)), "no attempt beyond the maximum");

        assertEquals(List.of(last.jobId()), jobs.failAbandoned(3).await().atMost(WAIT));
        Map<String, Object> job = fixtures.job(message);
        assertEquals("failed", job.get("status"));
        assertEquals("AnalyzerError", job.get("error_tag"));
        assertTrue(fixtures.evidence(message).isEmpty());
    }

    @Test
    void backoffDoublesPerAttemptUpToTheCap() {
        // Test profile: backoff 50 ms, max 200 ms.
        assertEquals(Duration.ofMillis(50), service.backoff(1));
        assertEquals(Duration.ofMillis(100), service.backoff(2));
        assertEquals(Duration.ofMillis(200), service.backoff(3));
        assertEquals(Duration.ofMillis(200), service.backoff(30));
    }

    @Test
    void theSheetKeepsWhetherTheAnalysesRanOfflineThroughJobsWithoutEvidenceAndTheirDeletion() {
        String marker = AnalyzerReplies.marker();
        AnalyzerReplies.when(marker, StubReply.json(evidence("imagination", 16, 70, "I daydream every single day")));
        String session = AnalysisFixtures.startSession();
        fixtures.userMessage(session, QUESTION, "I daydream every single day. " + marker);
        assertTrue(processOnce());
        assertEquals(false, offlineAnalysis(session));
        assertEquals("online", analysisMode(session));

        // A later job of the session, finished without evidence on the offline analyzer: the sheet stays, its mode moves.
        fixtures.userMessage(session, QUESTION, "Nothing much.");
        Claim claim = claim(Duration.ofSeconds(30));
        assertTrue(jobs.complete(claim, List.of(), 0, new Usage("offline-lexicon-v1", 10, 2, 0L)).await().atMost(WAIT));
        assertEquals(true, offlineAnalysis(session));
        assertEquals("offline", analysisMode(session));

        // Retention deletes finished jobs: the answer stays with the sheet, not with the analyzer's mode today (online).
        fixtures.update("DELETE FROM analysis_job WHERE session_id = $1", UUID.fromString(session));
        assertEquals("offline", analysisMode(session));
    }

    private Boolean offlineAnalysis(String session) {
        return fixtures.pool().preparedQuery("SELECT offline_analysis FROM score_sheet WHERE session_id = $1")
                .execute(Tuple.of(UUID.fromString(session))).map(rows -> rows.iterator().next().getBoolean(0))
                .await().atMost(WAIT);
    }

    private static String analysisMode(String session) {
        return given().when().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .extract().path("analysisMode");
    }
}
