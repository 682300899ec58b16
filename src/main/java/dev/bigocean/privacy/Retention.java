package dev.bigocean.privacy;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.bigocean.platform.MaintenancePool;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Purges what has outlived its retention period (see {@link RetentionConfig}): expired sign-in sessions, finished
 * analysis jobs, old idempotency keys and abandoned anonymous sessions with all that derives from them. Each kind is
 * purged in batches of at most {@code bigocean.retention.batch-size} rows, one transaction per batch, until a batch
 * finds fewer: a backlog (the first run on a large database, or after a long downtime) never becomes one transaction
 * that holds millions of row locks and cascades, and PostgreSQL's memory for them, until it commits. Every batch first
 * takes a transaction-scoped PostgreSQL advisory lock; with several instances only one works at a time, and an instance
 * that does not get the lock ends its run there (the other is purging).
 */
@ApplicationScoped
class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    /** Advisory lock key of the purge ("bigo" + 1). */
    static final long LOCK = 0x6269676F_00000001L;
    /** What a batch answers when another instance holds {@link #LOCK}. */
    private static final int SKIPPED = -1;

    /**
     * One batch of each kind: {@code $1} its period in seconds, {@code $2} the batch size. See {@link #batched}.
     */
    private static final String SIGN_IN_SESSIONS = batched("DELETE FROM auth_session", "auth_session",
            "expires_at < now() - make_interval(secs => $1)");
    private static final String ANALYSIS_JOBS = batched("DELETE FROM analysis_job", "analysis_job",
            "status IN ('done', 'failed') AND completed_at < now() - make_interval(secs => $1)");
    private static final String IDEMPOTENCY_KEYS = batched("UPDATE assessment_message SET idempotency_key = NULL",
            "assessment_message", "idempotency_key IS NOT NULL AND created_at < now() - make_interval(secs => $1)");
    private static final String ABANDONED_SESSIONS = batched("DELETE FROM assessment_session", "assessment_session",
            "user_id IS NULL AND status <> 'completed' AND last_activity_at < now() - make_interval(secs => $1)");

    /**
     * {@code statement} on at most {@code $2} rows of {@code table} that meet {@code condition}: selected in a subquery
     * with {@code LIMIT}, and the condition repeated outside it, so that a row changed between the two (an anonymous
     * session claimed at sign-up, a sign-in session extended) is checked again on its newest version and left alone.
     */
    private static String batched(String statement, String table, String condition) {
        return statement + " WHERE " + condition + " AND id IN (SELECT id FROM " + table + " WHERE " + condition
                + " LIMIT $2)";
    }

    /** What a run purges, in this order: its statement, its period and its {@code bigocean.retention.purged} tag. */
    private record Kind(String sql, Function<Periods, Duration> period, String metric) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(SIGN_IN_SESSIONS, Periods::expiredSignInSessions, "sign_in_session"),
            new Kind(ANALYSIS_JOBS, Periods::finishedAnalysisJobs, "analysis_job"),
            new Kind(IDEMPOTENCY_KEYS, Periods::idempotencyKeys, "idempotency_key"),
            new Kind(ABANDONED_SESSIONS, Periods::abandonedAnonymousSessions, "anonymous_session"));

    /** Retention periods of one run. */
    record Periods(Duration expiredSignInSessions, Duration finishedAnalysisJobs, Duration idempotencyKeys,
            Duration abandonedAnonymousSessions) {
    }

    /** What one run removed; {@code ran} is false when another instance held the lock. */
    record Purged(boolean ran, int signInSessions, int analysisJobs, int idempotencyKeys, int anonymousSessions) {
    }

    private final Pool pool;
    private final RetentionConfig config;
    private final MeterRegistry metrics;

    Retention(@MaintenancePool Pool pool, RetentionConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Refuses the start on a batch size that would purge nothing (0) or fail every run (below 0); among the first
     * start-up observers, with the platform's own checks.
     */
    void checkBatchSize(@Observes @Priority(1) StartupEvent event) {
        if (config.batchSize() < 1) {
            throw new IllegalStateException("RETENTION_BATCH_SIZE must be at least 1, not " + config.batchSize());
        }
    }

    @Scheduled(every = "${bigocean.retention.every:PT1H}", delayed = "PT2M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge(new Periods(config.expiredSignInSessions(), config.finishedAnalysisJobs(), config.idempotencyKeys(),
                config.abandonedAnonymousSessions()), config.batchSize())
                .invoke(p -> {
                    if (p.signInSessions() + p.analysisJobs() + p.idempotencyKeys() + p.anonymousSessions() > 0) {
                        LOG.infof("Retention purge: %d sign-in session(s), %d analysis job(s), %d idempotency key(s), "
                                + "%d abandoned anonymous session(s)", p.signInSessions(), p.analysisJobs(),
                                p.idempotencyKeys(), p.anonymousSessions());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("Retention purge failed (retried next run): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Runs one purge with {@code periods}, {@code batchSize} rows per transaction, unless another instance is running
     * one right now. What was committed before a failure stays purged.
     */
    Uni<Purged> purge(Periods periods, int batchSize) {
        return purgeFrom(0, new int[KINDS.size()], periods, batchSize);
    }

    /** Purges {@link #KINDS} from {@code kind} on, each drained before the next, counting into {@code purged}. */
    private Uni<Purged> purgeFrom(int kind, int[] purged, Periods periods, int batchSize) {
        if (kind == KINDS.size()) {
            return Uni.createFrom().item(new Purged(true, purged[0], purged[1], purged[2], purged[3]));
        }
        Kind next = KINDS.get(kind);
        return drain(next, next.period().apply(periods), batchSize).flatMap(rows -> {
            if (rows == SKIPPED) { // another instance purges: it does the rest
                return Uni.createFrom().item(new Purged(kind > 0, purged[0], purged[1], purged[2], purged[3]));
            }
            purged[kind] = rows;
            return purgeFrom(kind + 1, purged, periods, batchSize);
        });
    }

    /**
     * Runs {@code kind}'s statement batch after batch until one touches fewer than {@code batchSize} rows: the rows
     * it touched in all, or {@link #SKIPPED} when its first batch found the lock taken (a later one ends the loop with
     * what was done).
     */
    private Uni<Integer> drain(Kind kind, Duration period, int batchSize) {
        return Multi.createBy().repeating().uni(() -> batch(kind.sql(), period, batchSize))
                .whilst(rows -> rows == batchSize)
                .invoke(rows -> {
                    if (rows > 0) {
                        metrics.counter("bigocean.retention.purged", "kind", kind.metric()).increment(rows);
                    }
                })
                .collect().asList()
                .map(batches -> batches.get(0) == SKIPPED ? SKIPPED
                        : batches.stream().mapToInt(rows -> Math.max(rows, 0)).sum());
    }

    /** One transaction: the lock, then at most {@code batchSize} rows of {@code sql}; {@link #SKIPPED} without the lock. */
    private Uni<Integer> batch(String sql, Duration period, int batchSize) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(Tuple.of(LOCK))
                .flatMap(rows -> rows.iterator().next().getBoolean("locked")
                        ? tx.preparedQuery(sql).execute(Tuple.of(period.toMillis() / 1000.0, batchSize)).map(RowSet::rowCount)
                        : Uni.createFrom().item(SKIPPED)));
    }
}
