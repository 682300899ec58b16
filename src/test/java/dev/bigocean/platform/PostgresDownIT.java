package dev.bigocean.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Without PostgreSQL the instance is not ready (it cannot serve anything), but it is alive: a restart would not bring
 * the database back. The application's reactive pool points at a port nobody listens on (migrations still ran over
 * JDBC against the real server, so the application starts; the test profile's schema validation, which would use the
 * reactive pool, is off here as it is in production).
 */
@QuarkusTest
@TestProfile(PostgresDownIT.Unreachable.class)
class PostgresDownIT {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                String url = "postgresql://127.0.0.1:" + socket.getLocalPort() + "/postgres";
                return Map.of("quarkus.datasource.reactive.url", url,
                        "quarkus.hibernate-orm.schema-management.strategy", "none");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void readinessIsDownAndLivenessIsUp() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'postgresql' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'redis' }.data.redis", equalTo("up"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/health").then().statusCode(200);
    }
}
