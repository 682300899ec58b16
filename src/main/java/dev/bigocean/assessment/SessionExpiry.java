package dev.bigocean.assessment;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.bigocean.platform.MaintenancePool;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps {@code assessment_session.status} current: active sessions untouched for {@code expireAfter} become
 * {@code expired} (requests already answer 410 {@code SessionExpired} for them before this runs).
 */
@ApplicationScoped
class SessionExpiry {

    private static final Logger LOG = Logger.getLogger(SessionExpiry.class);

    private final Pool pool;
    private final AssessmentConfig config;

    SessionExpiry(@MaintenancePool Pool pool, AssessmentConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "${bigocean.assessment.expiry-sweep:PT1H}", delayed = "PT1M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return expireIdle().invoke(n -> {
            if (n > 0) {
                LOG.infof("Marked %d idle session(s) expired", n);
            }
        })
                // A database away at the hour is one line, as the retention purge's: the scheduler would log an ERROR
                // with a stack trace. Requests answer 410 for idle sessions meanwhile; the next run marks them.
                .onFailure().invoke(e -> LOG.warnf("Session expiry sweep failed (retried next run): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Marks idle active sessions expired; returns how many. */
    Uni<Integer> expireIdle() {
        return pool.preparedQuery("""
                UPDATE assessment_session SET status = 'expired', turn_lock = NULL, turn_locked_until = NULL
                WHERE status = 'active' AND last_activity_at < now() - make_interval(secs => $1)""")
                .execute(Tuple.of((double) config.expireAfter().toSeconds()))
                .map(rows -> rows.rowCount());
    }
}
