package dev.bigocean.identity;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Test accounts: a fresh user per call, signed in with the session cookie. */
public final class Accounts {

    public static final String COOKIE = "better-auth.session_token";
    public static final String PASSWORD = "tidal-Anemone-41-drift";

    public record Account(String userId, String email, String cookie) {
    }

    private Accounts() {
    }

    public static String newEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    public static Account signUp() {
        return signUp(newEmail(), null);
    }

    public static Account signUp(String email, String anonymousSessionId) {
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Test User\""
                + (anonymousSessionId == null ? "" : ",\"anonymousSessionId\":\"" + anonymousSessionId + "\"") + "}";
        Response response = given().contentType(ContentType.JSON).body(body).when().post("/api/auth/sign-up/email")
                .then().statusCode(200).extract().response();
        return new Account(response.path("user.id"), response.path("user.email"), response.getCookie(COOKIE));
    }
}
