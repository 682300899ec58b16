package dev.bigocean.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The global daily ceiling refuses every caller, anonymous or signed in, before the model is called. */
@QuarkusTest
@TestProfile(CapsProfiles.GlobalCeiling.class)
class GlobalCeilingIT {

    @Test
    void theGlobalCeilingRefusesEveryone() {
        InfrastructureResource.stub().reset();
        InfrastructureResource.stub().respondWith(Stubs.nerin("Thank you. What do you enjoy most about your weekends?"));
        Accounts.Account user = Accounts.signUp();
        for (RequestSpecification caller : new RequestSpecification[] {
                given().header("X-Forwarded-For", "192.0.2.10"),
                given().header("X-Forwarded-For", "192.0.2.11").cookie(Accounts.COOKIE, user.cookie()) }) {
            String session = caller.contentType(ContentType.JSON).body("{}").when().post("/api/assessment/start")
                    .then().statusCode(200).extract().path("sessionId");
            caller.contentType(ContentType.JSON)
                    .body(Map.of("sessionId", session, "message", "I like long walks and quiet evenings at home."))
                    .when().post("/api/assessment/message").then().statusCode(503)
                    .body("_tag", equalTo("CostLimitExceeded"))
                    .body("limit", equalTo((int) CapsProfiles.GLOBAL_CAP_CENTS))
                    .body("dailySpend", notNullValue());
        }
        org.junit.jupiter.api.Assertions.assertEquals(0, Stubs.nerinRequests(InfrastructureResource.stub()).size(),
                "the model is never called past the ceiling");
    }
}
