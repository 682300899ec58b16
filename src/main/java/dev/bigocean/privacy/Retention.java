package dev.bigocean.privacy;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.bigocean.platform.MaintenancePool;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Purges what has outlived its retention period (see {@link RetentionConfig}): expired sign-in sessions, finished
 * analysis jobs, old idempotency keys and abandoned anonymous sessions with all that derives from them. One transaction
 * per run, guarded by a transaction-scoped PostgreSQL advisory lock, so that with several instances only one does the
 * work at a time (the others skip that run).
 */
@ApplicationScoped
class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    /** Advisory lock key of the purge ("bigo" + 1). */
    static final long LOCK = 0x6269676F_00000001L;

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

    @Scheduled(every = "${bigocean.retention.every:PT1H}", delayed = "PT2M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge(new Periods(config.expiredSignInSessions(), config.finishedAnalysisJobs(), config.idempotencyKeys(),
                config.abandonedAnonymousSessions()))
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

    /** Runs one purge with {@code periods}, unless another instance is running one right now. */
    Uni<Purged> purge(Periods periods) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(Tuple.of(LOCK))
                .flatMap(rows -> rows.iterator().next().getBoolean("locked")
                        ? run(tx, periods)
                        : Uni.createFrom().item(new Purged(false, 0, 0, 0, 0))))
                .invoke(this::count);
    }

    private Uni<Purged> run(SqlConnection tx, Periods periods) {
        return update(tx, "DELETE FROM auth_session WHERE expires_at < now() - make_interval(secs => $1)",
                periods.expiredSignInSessions())
                .flatMap(signIns -> update(tx, """
                        DELETE FROM analysis_job
                        WHERE status IN ('done', 'failed') AND completed_at < now() - make_interval(secs => $1)""",
                        periods.finishedAnalysisJobs())
                        .flatMap(jobs -> update(tx, """
                                UPDATE assessment_message SET idempotency_key = NULL
                                WHERE idempotency_key IS NOT NULL AND created_at < now() - make_interval(secs => $1)""",
                                periods.idempotencyKeys())
                                .flatMap(keys -> update(tx, """
                                        DELETE FROM assessment_session
                                        WHERE user_id IS NULL AND status <> 'completed'
                                          AND last_activity_at < now() - make_interval(secs => $1)""",
                                        periods.abandonedAnonymousSessions())
                                        .map(sessions -> new Purged(true, signIns, jobs, keys, sessions)))));
    }

    private static Uni<Integer> update(SqlConnection tx, String sql, Duration period) {
        return tx.preparedQuery(sql).execute(Tuple.of(period.toMillis() / 1000.0)).map(rows -> rows.rowCount());
    }

    private void count(Purged p) {
        metrics.counter("bigocean.retention.purged", "kind", "sign_in_session").increment(p.signInSessions());
        metrics.counter("bigocean.retention.purged", "kind", "analysis_job").increment(p.analysisJobs());
        metrics.counter("bigocean.retention.purged", "kind", "idempotency_key").increment(p.idempotencyKeys());
        metrics.counter("bigocean.retention.purged", "kind", "anonymous_session").increment(p.anonymousSessions());
    }
}
