package dev.bigocean.assessment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AssessmentIT {

    @Test
    void healthAnswersOk() {
        given().when().get("/health").then().statusCode(200).body("status", equalTo("ok")).body("timestamp", notNullValue());
    }

    @Test
    void newSessionHasDefaultResults() {
        String id = Api.startSession();
        given().when().get("/api/assessment/{id}/results", id).then().statusCode(200)
                .body("oceanCode5", equalTo("MMMMM"))
                .body("oceanCode4", equalTo("2222"))
                .body("archetypeName", matchesPattern("The .+"))
                .body("archetypeColor", matchesPattern("#[0-9A-Fa-f]{6}"))
                .body("isCurated", equalTo(true))
                .body("overallConfidence", equalTo(0))
                .body("traits", hasSize(5))
                .body("traits[0].name", equalTo("openness"))
                .body("traits[0].score", equalTo(60.0f))
                .body("traits[0].level", equalTo("M"))
                .body("traits[0].confidence", equalTo(0))
                .body("facets", hasSize(30))
                .body("facets[0].name", equalTo("imagination"))
                .body("facets[0].traitName", equalTo("openness"))
                .body("facets.score", everyItem(equalTo(10.0f)))
                .body("facets.confidence", everyItem(equalTo(0)));
    }

    @Test
    void newSessionResumesEmpty() {
        String id = Api.startSession();
        given().when().get("/api/assessment/{id}/resume", id).then().statusCode(200)
                .body("messages", hasSize(1))
                .body("messages[0].role", equalTo("assistant"))
                .body("messages[0].content", startsWith("Hi, I'm Nerin"))
                .body("messages[0].id", matchesPattern("[0-9a-f-]{36}"))
                .body("confidence.openness", equalTo(0.0f))
                .body("confidence.neuroticism", equalTo(0.0f))
                .body("status", equalTo("active"));
    }

    @Test
    void startWithoutBodyWorks() {
        given().when().post("/api/assessment/start").then().statusCode(200).body("sessionId", notNullValue());
    }

    @Test
    void unknownSessionIs404() {
        String id = UUID.randomUUID().toString();
        given().when().get("/api/assessment/{id}/results", id).then().statusCode(404)
                .body("_tag", equalTo("SessionNotFound")).body("sessionId", equalTo(id)).body("message", notNullValue());
        given().when().get("/api/assessment/{id}/resume", id).then().statusCode(404)
                .body("_tag", equalTo("SessionNotFound"));
    }

    @Test
    void malformedIdIs400NamingTheField() {
        given().when().get("/api/assessment/not-a-uuid/results").then().statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("sessionId"));
        given().when().get("/api/assessment/not-a-uuid/resume").then().statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("sessionId"));
    }

    @Test
    void malformedBodiesAre400() {
        given().contentType(ContentType.JSON).body("{not json").when().post("/api/assessment/start").then().statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("body"))
                .body(not(containsString("Exception")));
        for (String trailing : new String[] {"{} {\"language\": \"de\"}", "{}garbage", "{\"language\": \"de\"} []"}) {
            given().contentType(ContentType.JSON).body(trailing).when().post("/api/assessment/start").then().statusCode(400)
                    .body("_tag", equalTo("ValidationError")).body("field", equalTo("body"));
        }
        given().contentType(ContentType.JSON).body("{\"userId\": {\"x\": 1}}").when().post("/api/assessment/start").then()
                .statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("userId"));
        given().contentType(ContentType.JSON).body("{\"userId\": \"nope\"}").when().post("/api/assessment/start").then()
                .statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("userId"));
    }

    @Test
    void unknownRouteIsJson404() {
        given().when().get("/api/nothing-here").then().statusCode(404).contentType(ContentType.JSON)
                .body("_tag", equalTo("NotFound"));
    }

    @Test
    void corsPreflightIs204WithReferenceHeaders() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                .when().options("/api/assessment/start").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Max-Age", "86400");
    }
}
