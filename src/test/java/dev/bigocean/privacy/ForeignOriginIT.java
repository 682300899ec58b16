package dev.bigocean.privacy;

import static dev.bigocean.privacy.PrivacyFixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.testsupport.Sql;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/** A cross-site page cannot make a signed-in browser change anything: foreign Origins are refused on unsafe methods. */
@QuarkusTest
class ForeignOriginIT {

    static final String EVIL = "https://evil.example.net";

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    java.net.URL self;

    static RequestSpecification from(String origin, Accounts.Account account) {
        return as(account).header("Origin", origin).contentType(ContentType.JSON);
    }

    @Test
    void stateChangingRequestsFromAForeignOriginChangeNothing() {
        Accounts.Account alice = Accounts.signUp();
        PrivacyFixtures.Filled filled = PrivacyFixtures.filledSession(alice, pool);
        long sessions = count("SELECT count(*) FROM assessment_session WHERE user_id = ?::uuid", alice.userId());
        long messages = count("SELECT count(*) FROM assessment_message WHERE session_id = ?::uuid", filled.sessionId());

        for (String origin : new String[] { EVIL, "null", "http://localhost:3001", "https://localhost:3000" }) {
            refused(from(origin, alice).body("{}").when().post("/api/assessment/start").then().statusCode(403), origin);
            refused(from(origin, alice).body(Map.of("sessionId", filled.sessionId(), "message", "Sent from elsewhere"))
                    .when().post("/api/assessment/message").then().statusCode(403), origin);
            refused(from(origin, alice).body("{\"isPublic\": false}")
                    .when().patch("/api/profile/{id}/visibility", filled.profileId()).then().statusCode(403), origin);
            refused(from(origin, alice).when().delete("/api/assessment/{id}", filled.sessionId()).then().statusCode(403), origin);
            refused(from(origin, alice).body(Map.of("password", Accounts.PASSWORD)).when().delete("/api/account").then()
                    .statusCode(403), origin);
            refused(from(origin, alice).body("{}").when().post("/api/auth/sign-out").then().statusCode(403), origin);
            refused(from(origin, null).body(Map.of("email", alice.email(), "password", Accounts.PASSWORD))
                    .when().post("/api/auth/sign-in/email").then().statusCode(403), origin);
        }

        assertEquals(sessions, count("SELECT count(*) FROM assessment_session WHERE user_id = ?::uuid", alice.userId()));
        assertEquals(messages, count("SELECT count(*) FROM assessment_message WHERE session_id = ?::uuid", filled.sessionId()));
        assertEquals(Boolean.TRUE, Sql.single("SELECT is_public FROM public_profile WHERE id = ?::uuid", filled.profileId()));
        assertEquals(1L, count("SELECT count(*) FROM app_user WHERE id = ?::uuid", alice.userId()));
        as(alice).when().get("/api/auth/get-session").then().statusCode(200).body("user.id", equalTo(alice.userId()));
    }

    @Test
    void readsFromAForeignOriginGetTheSameJsonError() {
        Accounts.Account alice = Accounts.signUp();
        PrivacyFixtures.Filled filled = PrivacyFixtures.filledSession(alice, pool);
        for (String origin : new String[] { EVIL, "null", "http://localhost:3001" }) {
            for (String path : new String[] { "/api/assessment/" + filled.sessionId() + "/results", "/api/auth/get-session",
                    "/api/profile/" + filled.profileId(), "/profile/" + filled.profileId() }) {
                refused(as(alice).header("Origin", origin).when().get(path).then().statusCode(403)
                        .contentType(ContentType.JSON).header("X-Request-Id", notNullValue())
                        .header("X-Content-Type-Options", "nosniff")
                        .body("message", containsString("may not read")), origin);
            }
        }
        // The preflight stays with CORS: refused without the headers that would let a browser go on.
        given().header("Origin", EVIL).header("Access-Control-Request-Method", "GET").when().options("/api/auth/get-session")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        as(alice).header("Origin", "http://localhost:3000").when().get("/api/auth/get-session").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000").body("user.id", equalTo(alice.userId()));
    }

    @Test
    void theFrontendTheServiceItselfAndClientsWithoutOriginAreServed() {
        Accounts.Account alice = Accounts.signUp();
        String own = "http://" + self.getHost() + ":" + self.getPort();
        from("http://localhost:3000", alice).body("{}").when()
                .post("/api/assessment/start").then().statusCode(200);
        from(own, null).body("{}").when().post("/api/assessment/start").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/assessment/start").then().statusCode(200);
    }

    private static void refused(io.restassured.response.ValidatableResponse response, String origin) {
        response.body("_tag", equalTo("ForbiddenOrigin")).body("origin", equalTo(origin));
    }

    private static long count(String sql, Object... params) {
        return ((Number) Sql.single(sql, params)).longValue();
    }
}
