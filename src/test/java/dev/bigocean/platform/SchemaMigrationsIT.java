package dev.bigocean.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * minutes, and the pool's background validation logged a WARN when PostgreSQL had closed them meanwhile.
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

    /** PostgreSQL connections of the JDBC driver (pooled by Agroal) other than the one asking. */
    private static long jdbcBackends() {
        return ((Number) Sql.single("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'PostgreSQL JDBC Driver' "
                + "AND pid <> pg_backend_pid()")).longValue();
    }
}
