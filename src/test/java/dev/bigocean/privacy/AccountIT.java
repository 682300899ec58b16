package dev.bigocean.privacy;

import static dev.bigocean.privacy.PrivacyFixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.questionnaire.Inventory;
import dev.bigocean.testsupport.Sql;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/** {@code GET /api/account/export}, {@code DELETE /api/account} and {@code DELETE /api/assessment/:id}. */
@QuarkusTest
class AccountIT {

    /** Every table of the schema; a new table must be added here (and to the export and erasure) to pass. */
    static final Set<String> TABLES = Set.of("app_user", "auth_session", "assessment_session", "assessment_message",
            "facet_evidence", "public_profile", "analysis_job", "score_sheet", "questionnaire_response");

    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    @Test
    void theExportHoldsEverythingAboutTheCallerAndNothingOfOthers() {
        Accounts.Account alice = Accounts.signUp();
        Accounts.Account bob = Accounts.signUp();
        PrivacyFixtures.Filled filled = PrivacyFixtures.filledSession(alice, pool);
        PrivacyFixtures.filledSession(bob, pool);
        List<Inventory.Item> items = Inventory.fromClasspath().items();
        as(alice).contentType(ContentType.JSON)
                .body("{\"answers\": {\"" + items.get(7).id() + "\": 4, \"" + items.get(0).id() + "\": 2}}")
                .when().put("/api/assessment/{id}/questionnaire", filled.sessionId()).then().statusCode(200);

        Response export = as(alice).when().get("/api/account/export").then().statusCode(200)
                .body("account.id", equalTo(alice.userId()))
                .body("account.email", equalTo(alice.email()))
                .body("account.hasPassword", equalTo(true))
                .body("signInSessions", hasSize(1))
                .body("signInSessions[0].current", equalTo(true))
                .body("signInSessions[0].ipAddress", notNullValue())
                .body("assessments", hasSize(1))
                .body("assessments[0].sessionId", equalTo(filled.sessionId()))
                .body("assessments[0].startedFromClient", nullValue())
                .body("assessments[0].messages.id", hasItem(filled.userMessageId()))
                .body("assessments[0].messages.id", hasItem(filled.assistantMessageId()))
                .body("assessments[0].messages.content", hasItem("I love quiet evenings reading novels at home."))
                .body("assessments[0].evidence", hasSize(30))
                .body("assessments[0].evidence[0].assessmentMessageId", equalTo(filled.userMessageId()))
                .body("assessments[0].profile.publicProfileId", equalTo(filled.profileId()))
                .body("assessments[0].profile.shareableUrl", containsString("/profile/" + filled.profileId()))
                .body("assessments[0].analysisJobs", hasSize(1))
                .body("assessments[0].analysisJobs[0].assessmentMessageId", equalTo(filled.userMessageId()))
                .extract().response();
        // Questionnaire answers by item id, in item order, as the user gave them.
        Map<String, Object> answers = export.path("assessments[0].questionnaireAnswers");
        assertEquals(List.of(items.get(0).id(), items.get(7).id()), List.copyOf(answers.keySet()));
        assertEquals(Map.of(items.get(0).id(), 2, items.get(7).id(), 4), answers);
        // Results as /results computes them.
        Map<String, Object> results = as(alice).when().get("/api/assessment/{id}/results", filled.sessionId()).then()
                .statusCode(200).extract().path("$");
        assertEquals(results, export.path("assessments[0].results"));
        String body = export.asString();
        assertTrue(!body.contains("tokenHash") && !body.contains("token_hash") && !body.contains("passwordHash"), body);
        assertTrue(!body.contains(bob.userId()) && !body.contains(bob.email()), "nothing of another user");

        given().when().get("/api/account/export").then().statusCode(401).body("_tag", equalTo("Unauthorized"));
    }

    @Test
    void erasingTheAccountLeavesNothingReachableAndNoRowBehind() {
        Accounts.Account alice = Accounts.signUp();
        Response secondSignIn = given().contentType(ContentType.JSON)
                .body(Map.of("email", alice.email(), "password", Accounts.PASSWORD))
                .when().post("/api/auth/sign-in/email").then().statusCode(200).extract().response();
        String secondCookie = secondSignIn.getCookie(Accounts.COOKIE);
        PrivacyFixtures.Filled owned = PrivacyFixtures.filledSession(alice, pool);
        // An anonymous session claimed at sign-in belongs to the account too.
        PrivacyFixtures.Filled anonymous = PrivacyFixtures.filledSession(null, pool);
        given().contentType(ContentType.JSON)
                .body(Map.of("email", alice.email(), "password", Accounts.PASSWORD, "anonymousSessionId", anonymous.sessionId()))
                .when().post("/api/auth/sign-in/email").then().statusCode(200);
        Accounts.Account bob = Accounts.signUp();
        PrivacyFixtures.Filled bobs = PrivacyFixtures.filledSession(bob, pool);
        assertTrue(!redis.key().keys("*" + alice.userId() + "*").isEmpty(), "the user has budget and start-limit keys");
        String claimedFrom = as(alice).when().get("/api/account/export").then().statusCode(200).extract()
                .path("assessments.find { it.sessionId == '" + anonymous.sessionId() + "' }.startedFromClient");
        assertTrue(claimedFrom != null && claimedFrom.startsWith("client:"), "the claimed session's client key is exported");

        as(alice).contentType(ContentType.JSON).body(Map.of("password", Accounts.PASSWORD)).when().delete("/api/account")
                .then().statusCode(204)
                .header("Set-Cookie", containsString(Accounts.COOKIE + "=;"))
                .header("Set-Cookie", containsString("Max-Age=0"));

        for (String cookie : List.of(alice.cookie(), secondCookie)) {
            given().cookie(Accounts.COOKIE, cookie).when().get("/api/auth/get-session").then().statusCode(200)
                    .body(equalTo("null"));
            given().cookie(Accounts.COOKIE, cookie).when().get("/api/account/export").then().statusCode(401)
                    .body("_tag", equalTo("Unauthorized"));
        }
        for (PrivacyFixtures.Filled gone : List.of(owned, anonymous)) {
            assertGone(gone);
        }
        UUID userId = UUID.fromString(alice.userId());
        for (String table : TABLES) {
            assertEquals(0L, count(table, userId, List.of(owned, anonymous)), table + " still holds the user's data");
        }
        assertEquals(TABLES, publicTables(), "every table of the schema is checked");
        // Budgets and start limit are deleted; only the request counter of the current rate-limit window (which the
        // erasing request itself counted) is left to expire with its window.
        assertEquals(List.of(), redis.key().keys("*" + alice.userId() + "*").stream().filter(k -> !k.startsWith("rl:")).toList(),
                "the user's Redis keys are gone");
        // Sign-in with the erased account fails; another user's data is untouched.
        given().contentType(ContentType.JSON).body(Map.of("email", alice.email(), "password", Accounts.PASSWORD))
                .when().post("/api/auth/sign-in/email").then().statusCode(401).body("_tag", equalTo("InvalidCredentials"));
        as(bob).when().get("/api/assessment/{id}/results", bobs.sessionId()).then().statusCode(200);
        given().when().get("/api/profile/{id}", bobs.profileId()).then().statusCode(200);
    }

    @Test
    void erasureNeedsThePasswordOrARecentSignIn() {
        Accounts.Account alice = Accounts.signUp();
        Sql.update("UPDATE auth_session SET created_at = now() - interval '11 minutes' WHERE user_id = ?::uuid", alice.userId());
        as(alice).when().delete("/api/account").then().statusCode(401).body("_tag", equalTo("Unauthorized"));
        as(alice).contentType(ContentType.JSON).body("{}").when().delete("/api/account").then().statusCode(401)
                .body("_tag", equalTo("Unauthorized"));
        as(alice).contentType(ContentType.JSON).body(Map.of("password", "not-the-password-at-all"))
                .when().delete("/api/account").then().statusCode(401).body("_tag", equalTo("InvalidCredentials"));
        as(alice).contentType(ContentType.JSON).body("{\"password\": 42}").when().delete("/api/account").then()
                .statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("password"));
        given().contentType(ContentType.JSON).body(Map.of("password", Accounts.PASSWORD)).when().delete("/api/account")
                .then().statusCode(401).body("_tag", equalTo("Unauthorized"));
        assertEquals(1L, Sql.single("SELECT count(*) FROM app_user WHERE id = ?::uuid", alice.userId()));

        // A sign-in within the last 10 minutes confirms it without the password.
        Accounts.Account fresh = Accounts.signUp();
        as(fresh).when().delete("/api/account").then().statusCode(204);
        assertEquals(0L, Sql.single("SELECT count(*) FROM app_user WHERE id = ?::uuid", fresh.userId()));
    }

    @Test
    void theHolderOfAnAnonymousSessionErasesItWithAllThatDerivesFromIt() {
        PrivacyFixtures.Filled anonymous = PrivacyFixtures.filledSession(null, pool);
        PrivacyFixtures.Filled other = PrivacyFixtures.filledSession(null, pool);
        given().when().delete("/api/assessment/{id}", anonymous.sessionId()).then().statusCode(204);
        assertGone(anonymous);
        for (String table : TABLES) {
            assertEquals(0L, count(table, null, List.of(anonymous)), table + " still holds the session's data");
        }
        given().when().delete("/api/assessment/{id}", anonymous.sessionId()).then().statusCode(404)
                .body("_tag", equalTo("SessionNotFound"));
        given().when().get("/api/assessment/{id}/resume", other.sessionId()).then().statusCode(200);
        given().when().delete("/api/assessment/{id}", "not-a-uuid").then().statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("sessionId"));
    }

    @Test
    void onlyTheOwnerErasesAnOwnedSession() {
        Accounts.Account alice = Accounts.signUp();
        Accounts.Account bob = Accounts.signUp();
        PrivacyFixtures.Filled owned = PrivacyFixtures.filledSession(alice, pool);
        as(bob).when().delete("/api/assessment/{id}", owned.sessionId()).then().statusCode(404)
                .body("_tag", equalTo("SessionNotFound"));
        given().when().delete("/api/assessment/{id}", owned.sessionId()).then().statusCode(404)
                .body("_tag", equalTo("SessionNotFound"));
        as(alice).when().get("/api/assessment/{id}/results", owned.sessionId()).then().statusCode(200);

        as(alice).when().delete("/api/assessment/{id}", owned.sessionId()).then().statusCode(204);
        assertGone(owned);
        as(alice).when().get("/api/account/export").then().statusCode(200).body("assessments", hasSize(0))
                .body("account.id", equalTo(alice.userId()));
    }

    /** Every former id of the session answers 404, to anyone. */
    private static void assertGone(PrivacyFixtures.Filled gone) {
        for (String path : List.of("/api/assessment/{id}/resume", "/api/assessment/{id}/results")) {
            given().when().get(path, gone.sessionId()).then().statusCode(404).body("_tag", equalTo("SessionNotFound"));
        }
        given().contentType(ContentType.JSON).body(Map.of("sessionId", gone.sessionId(), "message", "Still there?"))
                .when().post("/api/assessment/message").then().statusCode(404).body("_tag", equalTo("SessionNotFound"));
        given().contentType(ContentType.JSON).body(Map.of("sessionId", gone.sessionId()))
                .when().post("/api/profile/share").then().statusCode(404).body("_tag", equalTo("SessionNotFound"));
        given().queryParam("sessionId", gone.sessionId()).queryParam("facetName", "imagination")
                .when().get("/api/evidence/facet").then().statusCode(404).body("_tag", equalTo("SessionNotFound"));
        for (String message : List.of(gone.userMessageId(), gone.assistantMessageId())) {
            given().when().get("/api/evidence/message/{id}", message).then().statusCode(404)
                    .body("_tag", equalTo("MessageNotFound"));
        }
        given().when().get("/api/profile/{id}", gone.profileId()).then().statusCode(404)
                .body("_tag", equalTo("ProfileNotFound"));
        given().contentType(ContentType.JSON).body("{\"isPublic\": false}")
                .when().patch("/api/profile/{id}/visibility", gone.profileId()).then().statusCode(not(equalTo(200)))
                .body("_tag", notNullValue()).body("isPublic", nullValue());
    }

    /** Rows of {@code table} that belong to the user or to one of the sessions. */
    private static long count(String table, UUID userId, List<PrivacyFixtures.Filled> sessions) {
        String ids = String.join(",", sessions.stream().map(s -> "'" + s.sessionId() + "'::uuid").toList());
        String profiles = String.join(",", sessions.stream().map(s -> "'" + s.profileId() + "'::uuid").toList());
        String user = userId == null ? "NULL" : "'" + userId + "'::uuid";
        String where = switch (table) {
            case "app_user" -> "id = " + user;
            case "auth_session" -> "user_id = " + user;
            case "assessment_session" -> "user_id = " + user + " OR id IN (" + ids + ")";
            case "public_profile" -> "id IN (" + profiles + ") OR session_id IN (" + ids + ")";
            default -> "session_id IN (" + ids + ")";
        };
        return ((Number) Sql.single("SELECT count(*) FROM " + table + " WHERE " + where)).longValue();
    }

    private static Set<String> publicTables() {
        Set<String> tables = new TreeSet<>();
        Sql.query("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                  AND table_name NOT IN ('flyway_schema_history', 'schema_compatibility')""")
                .forEach(row -> tables.add((String) row.get(0)));
        return tables;
    }
}
