package dev.bigocean.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Once the schema is current, the JDBC pool that only Flyway uses holds no connection: left idle, they stayed open for
 * minutes, and the pool's background validation logged a WARN when PostgreSQL had closed them meanwhile. A schema that a
 * newer release migrated further is read as it says: started on as it is when it still runs this release, refused with
 * the versions named when it does not, and Flyway (which refuses any migration it does not know) is not run on it.
 */
@QuarkusTest
class SchemaMigrationsIT {

    @Inject
    SchemaMigrations migrations;
    @Inject
    Pool pool;
    @Inject
    Instance<Flyway> flyway;
    @Inject
    Instance<AgroalDataSource> jdbc;

    @Test
    void flywaysConnectionsAreClosedOnceTheSchemaIsCurrent() throws Exception {
        try (Connection connection = jdbc.get().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1"); // back in the pool, idle, as Flyway leaves its connections
        }
        assertTrue(jdbcBackends() >= 1, "the pooled JDBC connection is open");
        migrations.migrate(null, pool, flyway, jdbc, true);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertEquals(0L, jdbcBackends()));
    }

    @Test
    void aNewerSchemaThatRunsThisReleaseIsStartedOnWithoutFlyway() {
        int latest = Integer.parseInt(SchemaMigrations.LATEST);
        withNewerRelease(latest + 1, latest, () -> assertDoesNotThrow(() -> migrations.migrate(null, pool, flyway, jdbc, false),
                "Flyway would refuse the unknown migration: it must not run"));
    }

    @Test
    void aNewerSchemaThatNoLongerRunsThisReleaseRefusesTheStart() {
        int latest = Integer.parseInt(SchemaMigrations.LATEST);
        withNewerRelease(latest + 2, latest + 1, () -> {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> migrations.migrate(null, pool, flyway, jdbc, false));
            assertEquals("Big Ocean refuses to start: the database schema is at version " + (latest + 2) + " and runs releases "
                    + "from version " + (latest + 1) + " on, but this release's is " + latest + ". Deploy a release from version "
                    + (latest + 1) + " on, or restore the database from before the upgrade", refused.getMessage());
        });
    }

    /**
     * Runs {@code check} while the schema looks migrated by a newer release: its migration {@code version} recorded as
     * applied, and the oldest release it runs set to {@code oldestRelease}. Both are put back afterwards.
     */
    private static void withNewerRelease(int version, int oldestRelease, Runnable check) {
        int before = ((Number) Sql.single("SELECT oldest_release FROM schema_compatibility")).intValue();
        Sql.update(NewerRelease.migrationApplied(version));
        Sql.update(NewerRelease.runsFrom(oldestRelease));
        try {
            check.run();
        } finally {
            Sql.update("DELETE FROM flyway_schema_history WHERE version = ?", String.valueOf(version));
            Sql.update(NewerRelease.runsFrom(before));
        }
    }

    /** PostgreSQL connections of the JDBC driver (pooled by Agroal) other than the one asking. */
    private static long jdbcBackends() {
        return ((Number) Sql.single("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'PostgreSQL JDBC Driver' "
                + "AND pid <> pg_backend_pid()")).longValue();
    }
}
