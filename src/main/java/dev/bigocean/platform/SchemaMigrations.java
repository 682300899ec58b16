package dev.bigocean.platform;

import java.time.Duration;
import java.util.OptionalInt;

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
 * row is anything else (an older version, a failed migration, no history table, PostgreSQL unreachable over the
 * reactive pool), Flyway runs exactly as {@code quarkus.flyway.migrate-at-start} would: it validates, migrates, or
 * fails the start with its own message.
 * <p>
 * A schema newer than this build (a rollback, or an instance of the release before that restarts during a rolling
 * deploy) is not Flyway's to judge: it refuses any migration it does not know. The schema says itself which releases
 * still run on it ({@code schema_compatibility}, V22): from that release's version on, this one starts without
 * migrating and says so at INFO; an older one refuses to start, naming the versions and what to do.
 * <p>
 * Dev mode and the test profile keep {@code migrate-at-start}: their schema checks (the test profile's
 * {@code validate} while the persistence unit starts, dev mode's validation on its own thread as soon as the unit is
 * up) come before any start-up observer, so there this observer finds the schema current. Wherever Flyway ran, its
 * pooled JDBC connections are closed afterwards: nothing else uses JDBC.
 */
@ApplicationScoped
class SchemaMigrations {

    /** The newest script's version in {@code src/main/resources/db/migration} ({@code SchemaMigrationsTest} checks). */
    static final String LATEST = "22";

    private static final Logger LOG = Logger.getLogger("dev.bigocean");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** After {@link StartupChecks} (a refused start migrates nothing), before anything that reads a table. */
    void migrate(@Observes @Priority(2) StartupEvent event, Pool pool, Instance<Flyway> flyway, Instance<AgroalDataSource> jdbc,
            @ConfigProperty(name = "quarkus.flyway.migrate-at-start") boolean migratedAtStart) {
        boolean flywayRan = migratedAtStart;
        Schema schema = schema(pool);
        switch (schema.plan()) {
            case CURRENT -> LOG.debugf("Schema is at version %s, no migration", LATEST);
            case NEWER -> LOG.infof("The database schema is at version %s, newer than this release's %s, and still runs "
                    + "releases from version %d on: starting without migrating (a rollback, or the release before during a "
                    + "rolling deploy)", schema.version(), LATEST, schema.oldestRelease());
            case TOO_NEW -> {
                String oldest = schema.oldestRelease() == null ? schema.version() : schema.oldestRelease().toString();
                throw StartupChecks.refusal(String.format("the database schema is at version %s and runs releases from "
                        + "version %s on, but this release's is %s. Deploy a release from version %s on, or restore the "
                        + "database from before the upgrade", schema.version(), oldest, LATEST, oldest));
            }
            case MIGRATE -> {
                flyway.get().migrate();
                flywayRan = true;
            }
        }
        if (flywayRan) {
            // Flyway is the only user of JDBC: its connections would otherwise idle for minutes, and the pool's
            // background validation logged a WARN when PostgreSQL had closed them meanwhile (a restart, a failover).
            jdbc.get().flush(AgroalDataSource.FlushMode.IDLE);
        }
    }

    /** What a start does with the schema it finds. */
    enum Plan {
        /** The newest migration of this build is the schema's, applied: nothing to do. */
        CURRENT,
        /** The schema is newer and still runs this release: start as it is. */
        NEWER,
        /** The schema is newer and no longer runs this release: refuse to start. */
        TOO_NEW,
        /** Anything else: Flyway validates and migrates, or fails the start with its own message. */
        MIGRATE
    }

    /**
     * The schema's newest migration ({@code version}, null without one or for a repeatable one), whether it succeeded,
     * and the oldest release that still runs on it ({@code oldestRelease}, null before V22).
     */
    record Schema(String version, Boolean success, Integer oldestRelease) {

        static final Schema UNKNOWN = new Schema(null, null, null);

        Plan plan() {
            if (!Boolean.TRUE.equals(success)) {
                return Plan.MIGRATE; // none, or a failed one: Flyway reports it
            }
            if (LATEST.equals(version)) {
                return Plan.CURRENT;
            }
            int latest = Integer.parseInt(LATEST);
            OptionalInt newest = number(version);
            if (newest.isEmpty() || newest.getAsInt() < latest) {
                return Plan.MIGRATE;
            }
            return oldestRelease != null && oldestRelease <= latest ? Plan.NEWER : Plan.TOO_NEW;
        }

        private static OptionalInt number(String version) {
            if (version == null || version.isEmpty() || version.length() > 9 || !version.chars().allMatch(Character::isDigit)) {
                return OptionalInt.empty(); // not one of this project's whole-number versions: Flyway judges it
            }
            return OptionalInt.of(Integer.parseInt(version));
        }
    }

    private static Schema schema(Pool pool) {
        try {
            // Asked first so that a new database's first start puts no "relation does not exist" in PostgreSQL's log.
            Row tables = Rows.first(pool.query("SELECT to_regclass('flyway_schema_history') IS NOT NULL AS history, "
                    + "to_regclass('schema_compatibility') IS NOT NULL AS compatibility").execute().await().atMost(TIMEOUT));
            if (!tables.getBoolean("history")) {
                return Schema.UNKNOWN;
            }
            String oldest = tables.getBoolean("compatibility")
                    ? "(SELECT oldest_release FROM schema_compatibility)" : "NULL::integer";
            Row last = Rows.first(pool.query("SELECT version, success, " + oldest + " AS oldest_release "
                    + "FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1").execute().await().atMost(TIMEOUT));
            return last == null ? Schema.UNKNOWN
                    : new Schema(last.getString("version"), last.getBoolean("success"), last.getInteger("oldest_release"));
        } catch (RuntimeException e) {
            // No reactive connection: Flyway decides, over JDBC, and reports.
            return Schema.UNKNOWN;
        }
    }
}
