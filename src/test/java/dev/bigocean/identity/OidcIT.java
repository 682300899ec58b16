package dev.bigocean.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/** Bearer tokens of the configured identity provider authenticate API consumers; users are keyed by issuer + subject. */
@QuarkusTest
@TestProfile(ExternalIdentityProfile.class)
class OidcIT {

    static String token(String subject) {
        return Jwt.claims().issuer(ExternalIdentityProfile.ISSUER).audience(ExternalIdentityProfile.AUDIENCE)
                .subject(subject).claim("name", "Olive Oidc").expiresIn(300).sign();
    }

    static String start(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().post("/api/assessment/start")
                .then().statusCode(200).extract().path("sessionId");
    }

    @Test
    void aBearerUserOwnsTheirSessionsAndIsCreatedOnce() {
        String subject = "sub-" + UUID.randomUUID();
        String session = start(token(subject));
        List<List<Object>> users = Sql.query("select id::text, oidc_issuer, name from app_user where oidc_subject = ?", subject);
        assertEquals(1, users.size());
        assertEquals(ExternalIdentityProfile.ISSUER, users.get(0).get(1));
        assertEquals("Olive Oidc", users.get(0).get(2));
        String userId = (String) users.get(0).get(0);
        assertEquals(userId, Sql.single("select user_id::text from assessment_session where id = ?::uuid", session));

        // a fresh token for the same subject is the same user: their session, their daily limit
        String again = token(subject);
        given().auth().oauth2(again).when().get("/api/assessment/{id}/results", session).then().statusCode(200);
        given().auth().oauth2(again).when().post("/api/assessment/start").then().statusCode(429)
                .body("_tag", equalTo("RateLimitExceeded")).body("userId", equalTo(userId));
        assertEquals(1L, Sql.single("select count(*) from app_user where oidc_subject = ?", subject));

        // someone else (another subject, or no token) does not see it
        given().auth().oauth2(token("sub-" + UUID.randomUUID())).when().get("/api/assessment/{id}/results", session).then()
                .statusCode(404).body("_tag", equalTo("SessionNotFound"));
        given().when().get("/api/assessment/{id}/results", session).then().statusCode(404);
    }

    @Test
    void invalidTokensAre401WithATag() {
        String good = token("sub-" + UUID.randomUUID());
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        String expired = Jwt.claims().issuer(ExternalIdentityProfile.ISSUER).audience(ExternalIdentityProfile.AUDIENCE)
                .subject("s").issuedAt(1_600_000_000L).expiresAt(1_600_000_300L).sign();
        String otherIssuer = Jwt.claims().issuer("https://evil.example.com").audience(ExternalIdentityProfile.AUDIENCE)
                .subject("s").expiresIn(300).sign();
        String otherAudience = Jwt.claims().issuer(ExternalIdentityProfile.ISSUER).audience("https://elsewhere.example.com")
                .subject("s").expiresIn(300).sign();
        for (String bad : new String[] { tampered, expired, otherIssuer, otherAudience, "not-a-jwt" }) {
            given().auth().oauth2(bad).when().post("/api/assessment/start").then().statusCode(401)
                    .contentType(ContentType.JSON).body("_tag", equalTo("Unauthorized"));
        }
    }

    @Test
    void anonymousAndCookieRequestsStillWorkWithOidcOn() {
        given().when().post("/api/assessment/start").then().statusCode(200);
        given().when().get("/health").then().statusCode(200);
        Accounts.Account account = Accounts.signUp();
        given().cookie(Accounts.COOKIE, account.cookie()).when().get("/api/auth/get-session").then().statusCode(200)
                .body("user.id", equalTo(account.userId()));
        String a = start(token("sub-" + UUID.randomUUID()));
        String b = start(token("sub-" + UUID.randomUUID()));
        assertNotEquals(a, b);
    }
}
