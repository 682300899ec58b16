package dev.bigocean.platform;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Flyway runs at start-up only when the database lacks the newest migration of this build. A restart of an
 * up-to-date service reads the newest row of {@code flyway_schema_history} on the reactive pool instead of opening
 * JDBC, scanning the scripts and validating every applied one (0.3–0.45 s of a 4 s start on two cores). When the
 * row is anything else (an older or newer version, a failed migration, no history table, PostgreSQL unreachable over
 * the reactive pool), Flyway runs exactly as {@code quarkus.flyway.migrate-at-start} would: it validates, migrates,
 * or fails the start with its own message. Dev mode and the test profile keep {@code migrate-at-start}: their schema
 * checks (the test profile's {@code validate} while the persistence unit starts, dev mode's validation on its own
 * thread as soon as the unit is up) come before any start-up observer, so there this observer finds the schema current.
 * Wherever Flyway ran, its pooled JDBC connections are closed afterwards: nothing else uses JDBC.
 */
@ApplicationScoped
class SchemaMigrations {

    /** The newest script's version in {@code src/main/resources/db/migration} ({@code SchemaMigrationsTest} checks). */
    static final String LATEST = "21";

    private static final Logger LOG = Logger.getLogger("dev.bigocean");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** After {@link StartupChecks} (a refused start migrates nothing), before anything that reads a table. */
    void migrate(@Observes @Priority(2) StartupEvent event, Pool pool, Instance<Flyway> flyway, Instance<AgroalDataSource> jdbc,
            @ConfigProperty(name = "quarkus.flyway.migrate-at-start") boolean migratedAtStart) {
        boolean flywayRan = migratedAtStart;
        if (current(pool)) {
            LOG.debugf("Schema is at version %s, no migration", LATEST);
        } else {
            flyway.get().migrate();
            flywayRan = true;
        }
        if (flywayRan) {
            // Flyway is the only user of JDBC: its connections would otherwise idle for minutes, and the pool's
            // background validation logged a WARN when PostgreSQL had closed them meanwhile (a restart, a failover).
            jdbc.get().flush(AgroalDataSource.FlushMode.IDLE);
        }
    }

    private static boolean current(Pool pool) {
        try {
            // Asked first so that a new database's first start puts no "relation does not exist" in PostgreSQL's log.
            boolean history = Rows.first(pool.query("SELECT to_regclass('flyway_schema_history') IS NOT NULL AS found")
                    .execute().await().atMost(TIMEOUT)).getBoolean("found");
            Row last = history ? Rows.first(pool.query("SELECT version, success FROM flyway_schema_history "
                    + "ORDER BY installed_rank DESC LIMIT 1").execute().await().atMost(TIMEOUT)) : null;
            return last != null && isLatest(last.getString("version"), last.getBoolean("success"));
        } catch (RuntimeException e) {
            // No reactive connection: Flyway decides, over JDBC, and reports.
            return false;
        }
    }

    static boolean isLatest(String version, Boolean success) {
        return LATEST.equals(version) && Boolean.TRUE.equals(success);
    }
}
