package dev.bigocean.limits;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.Sql;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** An anonymous client cannot spend past its daily cap by starting new sessions. */
@QuarkusTest
@TestProfile(CapsProfiles.ClientCap.class)
class ClientCapIT {

    static final long MICROS_PER_CENT = 10_000;

    @Test
    void twentyAnonymousSessionsFromOneClientCannotPassTheClientCap() {
        InfrastructureResource.stub().reset();
        InfrastructureResource.stub().respondWith(Stubs.nerin("Thank you. What do you enjoy most about your weekends?"));
        String client = "198.51.100." + (int) (Math.random() * 200 + 20);
        List<String> sessions = new ArrayList<>();
        int ok = 0;
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            String session = given().header("X-Forwarded-For", client).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/assessment/start").then().statusCode(200).extract().path("sessionId");
            sessions.add(session);
            Response turn = given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                    .body(Map.of("sessionId", session, "message", "I like long walks and quiet evenings at home."))
                    .when().post("/api/assessment/message");
            if (turn.statusCode() == 200) {
                assertEquals(0, refused, "once the cap is reached no new session gets another turn");
                ok++;
            } else {
                assertEquals(503, turn.statusCode(), turn.asString());
                assertEquals("CostLimitExceeded", turn.path("_tag"));
                assertEquals(CapsProfiles.CLIENT_CAP_CENTS, ((Number) turn.path("limit")).longValue(), "the client's cap refuses");
                assertTrue(((Number) turn.path("dailySpend")).longValue() <= CapsProfiles.CLIENT_CAP_CENTS);
                refused++;
            }
        }
        assertTrue(ok >= 1, "turns within the cap are answered");
        assertTrue(refused >= 1 && ok < 20, "new sessions do not reset the client's spending: " + ok + " answered");
        String ids = String.join(",", sessions.stream().map(s -> "'" + s + "'::uuid").toList());
        long spent = ((Number) Sql.single("SELECT coalesce(sum(cost_micros), 0) FROM assessment_message WHERE session_id IN ("
                + ids + ")")).longValue();
        assertTrue(spent > 0 && spent <= CapsProfiles.CLIENT_CAP_CENTS * MICROS_PER_CENT,
                "settled spend " + spent + " stays within the cap");
        assertEquals(sessions.size(), ((Number) Sql.single("SELECT count(*) FROM assessment_session WHERE id IN (" + ids
                + ") AND client_key IS NOT NULL")).intValue(), "each anonymous session records its client's budget key");

        // Another client, and a signed-in user from the same address, are not held by this client's cap.
        String other = given().header("X-Forwarded-For", "203.0.113.77").contentType(ContentType.JSON).body("{}")
                .when().post("/api/assessment/start").then().statusCode(200).extract().path("sessionId");
        given().header("X-Forwarded-For", "203.0.113.77").contentType(ContentType.JSON)
                .body(Map.of("sessionId", other, "message", "I like long walks and quiet evenings at home."))
                .when().post("/api/assessment/message").then().statusCode(200);
        dev.bigocean.identity.Accounts.Account user = dev.bigocean.identity.Accounts.signUp();
        String owned = given().header("X-Forwarded-For", client).cookie(dev.bigocean.identity.Accounts.COOKIE, user.cookie())
                .contentType(ContentType.JSON).body("{}").when().post("/api/assessment/start").then().statusCode(200)
                .extract().path("sessionId");
        given().header("X-Forwarded-For", client).cookie(dev.bigocean.identity.Accounts.COOKIE, user.cookie())
                .contentType(ContentType.JSON)
                .body(Map.of("sessionId", owned, "message", "I like long walks and quiet evenings at home."))
                .when().post("/api/assessment/message").then().statusCode(200);
    }
}
