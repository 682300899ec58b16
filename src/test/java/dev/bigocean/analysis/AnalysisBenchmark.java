package dev.bigocean.analysis;

import static dev.bigocean.analysis.AnalyzerReplies.evidence;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.StopAnalysisWorkers;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Analysis throughput and lag — a benchmark, not a test: it prints figures and asserts nothing about speed. Not part of
 * {@code verify} (the suite runs {@code *Test} and {@code *IT} only). Run:
 *
 * <pre>
 * ./mvnw -B -o test -Dtest=AnalysisBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbenchmark.jobs=200] [-Dbenchmark.latency-ms=200]
 * </pre>
 *
 * The analyzer is the OpenAI stub answering every call after a fixed latency; the workers are this instance's loops
 * at the configured (default) count. Two phases: a burst of N messages stored at once (the queue drains at full speed),
 * then N messages arriving steadily at 80% of the theoretical capacity (workers / latency). Lag is the time from a user
 * message being stored to the commit of its evidence.
 */
@QuarkusTest
@ExtendWith(StopAnalysisWorkers.class)
class AnalysisBenchmark {

    @Inject
    AnalysisFixtures fixtures;

    @Inject
    AnalysisWorker worker;

    @Inject
    AnalysisConfig config;

    @Test
    void throughputAndLag() throws InterruptedException {
        int jobs = Integer.getInteger("benchmark.jobs", 200);
        long latencyMs = Long.getLong("benchmark.latency-ms", 200);
        String marker = AnalyzerReplies.marker();
        AnalyzerReplies.install();
        AnalyzerReplies.when(marker, StubReply.json(evidence("imagination", 16, 70, "I daydream", "gregariousness", 17, 60,
                "big parties")).delayBeforeFirstByte(Duration.ofMillis(latencyMs)));
        worker.stop();
        fixtures.quiesce();
        worker.start();
        String session = AnalysisFixtures.startSession();
        // Warm-up: first HTTP connection, prepared statements.
        drain(List.of(fixtures.userMessage(session, "Q", "I daydream and love big parties. " + marker)));

        System.out.printf("%n=== Analysis benchmark: %d worker(s), analyzer latency %d ms, %d jobs per phase ===%n",
                config.workers(), latencyMs, jobs);

        List<UUID> burst = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            burst.add(fixtures.userMessage(session, "Q", "I daydream and love big parties (" + i + "). " + marker));
        }
        report("burst (all stored at once)", drain(burst));

        double capacity = config.workers() * 1000.0 / latencyMs;
        long gapNanos = (long) (1_000_000_000 / (0.8 * capacity));
        List<UUID> steady = new ArrayList<>();
        long next = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            steady.add(fixtures.userMessage(session, "Q", "I daydream and love big parties (s" + i + "). " + marker));
            next += gapNanos;
        }
        report(String.format("steady (%.1f msg/s, 80%% of capacity)", 0.8 * capacity), drain(steady));
        System.out.println("===");
    }

    /** Waits until every job is done; returns per message {storedMicros, evidenceCommittedMicros}. */
    private List<long[]> drain(List<UUID> messages) {
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100)).until(() -> fixtures.pool()
                .preparedQuery("SELECT count(*) AS n FROM analysis_job WHERE message_id = ANY($1) AND status <> 'done'")
                .execute(Tuple.of(messages.toArray(UUID[]::new)))
                .map(rows -> rows.iterator().next().getLong("n") == 0).await().atMost(Duration.ofSeconds(10)));
        return fixtures.pool().preparedQuery("""
                SELECT (extract(epoch FROM m.created_at) * 1e6)::bigint AS stored,
                       (extract(epoch FROM max(e.created_at)) * 1e6)::bigint AS committed
                  FROM assessment_message m JOIN facet_evidence e ON e.message_id = m.id
                 WHERE m.id = ANY($1) GROUP BY m.id, m.created_at""")
                .execute(Tuple.of(messages.toArray(UUID[]::new)))
                .map(rows -> {
                    List<long[]> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new long[] { row.getLong("stored"), row.getLong("committed") });
                    }
                    return list;
                })
                .await().atMost(Duration.ofSeconds(30));
    }

    private static void report(String phase, List<long[]> timings) {
        long first = timings.stream().mapToLong(t -> t[0]).min().orElse(0);
        long last = timings.stream().mapToLong(t -> t[1]).max().orElse(0);
        long[] lags = timings.stream().mapToLong(t -> t[1] - t[0]).sorted().toArray();
        double seconds = (last - first) / 1e6;
        System.out.printf("%-40s %5d jobs in %7.2f s = %7.2f jobs/s | lag p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n",
                phase, lags.length, seconds, lags.length / seconds, pct(lags, 0.50), pct(lags, 0.95),
                lags[lags.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }
}
