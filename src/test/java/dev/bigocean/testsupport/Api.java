package dev.bigocean.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;

/** Small HTTP helpers shared by the integration tests. */
public final class Api {

    private Api() {
    }

    /** Starts an anonymous assessment and returns its session id. */
    public static String startSession() {
        return given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/assessment/start")
                .then().statusCode(200)
                .body("sessionId", matchesPattern("[0-9a-f-]{36}"))
                .body("createdAt", notNullValue())
                .extract().path("sessionId");
    }
}
