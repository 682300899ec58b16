package dev.bigocean.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.PostgresUnreachableProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Without PostgreSQL the instance is not ready (it cannot serve anything), but it is alive: a restart would not bring
 * the database back. The application's reactive pool points at a port nobody listens on (migrations still ran over
 * JDBC against the real server, so the application starts; the test profile's schema validation, which would use the
 * reactive pool, is off here as it is in production).
 */
@QuarkusTest
@TestProfile(PostgresUnreachableProfile.class)
class PostgresDownIT {

    @Test
    void readinessIsDownAndLivenessIsUp() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'postgresql' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'redis' }.data.redis", equalTo("up"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/health").then().statusCode(200);
    }
}
