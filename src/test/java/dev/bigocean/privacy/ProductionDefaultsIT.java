package dev.bigocean.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Production-like settings: a frontend on another site than the service, admin endpoints off on the public port; and
 * results that say when their evidence came from the offline analyzer.
 */
@QuarkusTest
@TestProfile(ProductionDefaultsIT.Profile.class)
class ProductionDefaultsIT {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bigocean.frontend-url", "https://bigocean-web.example.org",
                    "quarkus.http.cors.origins", "https://bigocean-web.example.org",
                    "bigocean.admin.public-port", "false");
        }
    }

    @Test
    void aFrontendOnAnotherSiteGetsASameSiteNoneSecureCookie() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", Accounts.newEmail(), "password", Accounts.PASSWORD, "name", "Cross Site"))
                .when().post("/api/auth/sign-up/email").then().statusCode(200)
                .header("Set-Cookie", containsString("; SameSite=None"))
                .header("Set-Cookie", containsString("; Secure"))
                .header("Set-Cookie", containsString("; HttpOnly"));
    }

    @Test
    void adminEndpointsAreNotOnThePublicPort() {
        given().header("x-internal-secret", "test-internal-secret").contentType(ContentType.JSON).body("{}")
                .when().post("/api/admin/analysis/retry-failed").then().statusCode(404).body("_tag", equalTo("NotFound"));
    }

    @Test
    void resultsSayWhenTheAnalysisRanOffline() {
        String session = Api.startSession();
        given().when().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("analysisMode", equalTo("online")).body("oceanCode5", equalTo("MMMMM"));
        UUID message = UUID.randomUUID();
        Sql.update("INSERT INTO assessment_message (id, session_id, seq, role, content) VALUES (?, ?::uuid, 2, 'user', 'Hi')",
                message, session);
        Sql.update("""
                INSERT INTO analysis_job (id, message_id, session_id, status, model, completed_at)
                VALUES (?, ?, ?::uuid, 'done', 'offline-lexicon-v1', now())""", UUID.randomUUID(), message, session);
        given().when().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("analysisMode", equalTo("offline"));
    }
}
