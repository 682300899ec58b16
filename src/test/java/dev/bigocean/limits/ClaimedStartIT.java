package dev.bigocean.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A session started anonymously today and claimed at sign-up is the user's start of the day. */
@QuarkusTest
class ClaimedStartIT {

    @Test
    void signUpWithTodaysAnonymousSessionThenStartIs429() {
        String anonymous = Api.startSession();
        Accounts.Account user = Accounts.signUp(Accounts.newEmail(), anonymous);
        given().cookie(Accounts.COOKIE, user.cookie()).when().get("/api/assessment/{id}/resume", anonymous).then()
                .statusCode(200);
        given().cookie(Accounts.COOKIE, user.cookie()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/assessment/start").then().statusCode(429).body("_tag", equalTo("RateLimitExceeded"))
                .body("userId", equalTo(user.userId()));
    }

    @Test
    void aSessionStartedOnAnEarlierDayDoesNotTakeTodaysStart() {
        String anonymous = Api.startSession();
        Sql.update("UPDATE assessment_session SET created_at = now() - interval '2 days', last_activity_at = now() "
                + "WHERE id = ?::uuid", anonymous);
        Accounts.Account user = Accounts.signUp(Accounts.newEmail(), anonymous);
        given().cookie(Accounts.COOKIE, user.cookie()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/assessment/start").then().statusCode(200);
        given().cookie(Accounts.COOKIE, user.cookie()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/assessment/start").then().statusCode(429);
    }
}
