package dev.bigocean.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.Sql;
import dev.bigocean.testsupport.Warnings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * PostgreSQL turned read-only, as a standby is after a failover (here {@code default_transaction_read_only} on the
 * database, for every new connection): writes answer 500 {@code DatabaseError}, reads go on, and the log has no ERROR or
 * stack trace, as for any other outage; once writes are accepted again, they work without a restart.
 */
@QuarkusTest
class DatabaseReadOnlyIT {

    /** Ends the service's connections to the test database, so that its pool opens new ones with the current defaults. */
    private static void reconnect() {
        Sql.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
    }

    @Test
    void aReadOnlyDatabaseRefusesWritesWithoutAnErrorInTheLog() {
        String sessionId = Api.startSession();
        Warnings warnings = Warnings.capture();
        Sql.update("ALTER DATABASE postgres SET default_transaction_read_only = on");
        try {
            reconnect();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    given().contentType(ContentType.JSON).body("{}").when().post("/api/assessment/start")
                            .then().statusCode(500).body("_tag", equalTo("DatabaseError")));
            for (int i = 0; i < 3; i++) {
                given().contentType(ContentType.JSON).body("{}").when().post("/api/assessment/start")
                        .then().statusCode(500).body("_tag", equalTo("DatabaseError"));
            }
            given().when().get("/api/assessment/" + sessionId + "/results").then().statusCode(200);
        } finally {
            // This connection is read-only too by now: it asks for a read-write transaction to undo the setting.
            Sql.script("SET TRANSACTION READ WRITE; ALTER DATABASE postgres RESET default_transaction_read_only");
            reconnect();
            warnings.close();
        }
        assertTrue(warnings.noErrorOrStackTrace(), warnings.lines().toString());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().contentType(ContentType.JSON).body("{}").when().post("/api/assessment/start").then().statusCode(200));
    }
}
