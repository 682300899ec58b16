package dev.bigocean.assessment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A session untouched for 30 days answers 410 SessionExpired, and its status becomes expired. */
@QuarkusTest
class SessionExpiryIT {

    @Inject
    SessionExpiry expiry;

    @Test
    void idleSessionsExpireButCompletedOnesKeepTheirResults() {
        String idle = Api.startSession();
        String completed = Api.startSession();
        String fresh = Api.startSession();
        Sql.update("UPDATE assessment_session SET last_activity_at = now() - interval '31 days' WHERE id = ?", UUID.fromString(idle));
        Sql.update("UPDATE assessment_session SET last_activity_at = now() - interval '31 days', status = 'completed' WHERE id = ?",
                UUID.fromString(completed));

        given().get("/api/assessment/{id}/resume", idle).then().statusCode(410)
                .body("_tag", equalTo("SessionExpired")).body("sessionId", equalTo(idle)).body("expiredAt", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("sessionId", idle, "message", "hello again"))
                .post("/api/assessment/message").then().statusCode(410).body("_tag", equalTo("SessionExpired"));
        given().get("/api/assessment/{id}/results", completed).then().statusCode(200);

        assertTrue(expiry.expireIdle().await().indefinitely() >= 1);
        assertEquals("expired", Sql.single("SELECT status FROM assessment_session WHERE id = ?", UUID.fromString(idle)));
        assertEquals("completed", Sql.single("SELECT status FROM assessment_session WHERE id = ?", UUID.fromString(completed)));
        assertEquals("active", Sql.single("SELECT status FROM assessment_session WHERE id = ?", UUID.fromString(fresh)));
        given().get("/api/assessment/{id}/results", idle).then().statusCode(410);
    }
}
