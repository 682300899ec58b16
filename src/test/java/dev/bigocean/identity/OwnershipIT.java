package dev.bigocean.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A signed-in user's sessions are theirs alone; anonymous sessions stay reachable by their id. */
@QuarkusTest
class OwnershipIT {

    static final String SECRET = "test-internal-secret";

    static RequestSpecification as(Accounts.Account account) {
        return given().cookie(Accounts.COOKIE, account.cookie());
    }

    static String start(RequestSpecification spec, String body) {
        return spec.contentType(ContentType.JSON).body(body).when().post("/api/assessment/start").then().statusCode(200)
                .extract().path("sessionId");
    }

    static String owner(String sessionId) {
        return (String) Sql.single("select user_id::text from assessment_session where id = ?::uuid", sessionId);
    }

    @Test
    void aSignedInUsersSessionIsTheirsAndHiddenFromOthers() {
        Accounts.Account alice = Accounts.signUp();
        Accounts.Account bob = Accounts.signUp();
        String session = start(as(alice), "{}");
        assertEquals(alice.userId(), owner(session));

        as(alice).when().get("/api/assessment/{id}/resume", session).then().statusCode(200);
        as(alice).when().get("/api/assessment/{id}/results", session).then().statusCode(200);
        for (String path : new String[] { "/api/assessment/{id}/resume", "/api/assessment/{id}/results" }) {
            as(bob).when().get(path, session).then().statusCode(404).body("_tag", equalTo("SessionNotFound"))
                    .body("sessionId", equalTo(session));
            given().when().get(path, session).then().statusCode(404).body("_tag", equalTo("SessionNotFound"));
        }
    }

    @Test
    void messageAndShareAnswerOtherCallers404() {
        Accounts.Account alice = Accounts.signUp();
        Accounts.Account bob = Accounts.signUp();
        String session = start(as(alice), "{}");
        int modelCalls = dev.bigocean.testsupport.InfrastructureResource.stub().requests().size();
        String message = "{\"sessionId\":\"" + session + "\",\"message\":\"I like quiet mornings.\"}";
        as(bob).contentType(ContentType.JSON).body(message).when().post("/api/assessment/message").then().statusCode(404)
                .body("_tag", equalTo("SessionNotFound"));
        given().contentType(ContentType.JSON).body(message).when().post("/api/assessment/message").then().statusCode(404)
                .body("_tag", equalTo("SessionNotFound"));
        assertEquals(modelCalls, dev.bigocean.testsupport.InfrastructureResource.stub().requests().size(), "no model call");

        String share = "{\"sessionId\":\"" + session + "\"}";
        as(bob).contentType(ContentType.JSON).body(share).when().post("/api/profile/share").then().statusCode(404)
                .body("_tag", equalTo("SessionNotFound"));
        given().contentType(ContentType.JSON).body(share).when().post("/api/profile/share").then().statusCode(404);
        // the owner gets past the ownership check (and meets the confidence rule instead)
        as(alice).contentType(ContentType.JSON).body(share).when().post("/api/profile/share").then().statusCode(422)
                .body("_tag", equalTo("ProfileError"));
    }

    @Test
    void anonymousSessionsStayReachableByIdForEveryone() {
        String session = start(given(), "{}");
        assertNull(owner(session));
        given().when().get("/api/assessment/{id}/resume", session).then().statusCode(200);
        as(Accounts.signUp()).when().get("/api/assessment/{id}/results", session).then().statusCode(200);
    }

    @Test
    void aBodyUserIdMustBeTheCaller() {
        Accounts.Account alice = Accounts.signUp();
        Accounts.Account bob = Accounts.signUp();
        given().contentType(ContentType.JSON).body("{\"userId\":\"" + alice.userId() + "\"}").when()
                .post("/api/assessment/start").then().statusCode(401).body("_tag", equalTo("Unauthorized"));
        as(bob).contentType(ContentType.JSON).body("{\"userId\":\"" + alice.userId() + "\"}").when()
                .post("/api/assessment/start").then().statusCode(401).body("_tag", equalTo("Unauthorized"));
        String session = start(as(alice), "{\"userId\":\"" + alice.userId() + "\"}");
        assertEquals(alice.userId(), owner(session));
    }

    @Test
    void aTrustedInternalClientMayStartForAnExistingUser() {
        Accounts.Account alice = Accounts.signUp();
        String session = start(given().header("x-internal-secret", SECRET), "{\"userId\":\"" + alice.userId() + "\"}");
        assertEquals(alice.userId(), owner(session));
        given().header("x-internal-secret", SECRET).contentType(ContentType.JSON)
                .body("{\"userId\":\"" + java.util.UUID.randomUUID() + "\"}").when().post("/api/assessment/start").then()
                .statusCode(401).body("_tag", equalTo("Unauthorized"));
    }
}
