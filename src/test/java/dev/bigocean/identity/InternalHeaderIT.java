package dev.bigocean.identity;

import static dev.bigocean.identity.OwnershipIT.SECRET;
import static dev.bigocean.identity.OwnershipIT.as;
import static dev.bigocean.identity.OwnershipIT.owner;
import static dev.bigocean.identity.OwnershipIT.start;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** {@code x-user-id} counts only beside the configured internal secret; spoofed, it changes nothing. */
@QuarkusTest
class InternalHeaderIT {

    @Test
    void aSpoofedUserIdIsIgnored() {
        Accounts.Account alice = Accounts.signUp();
        String hers = start(as(alice), "{}");

        for (var spoof : new io.restassured.specification.RequestSpecification[] {
                given().header("x-user-id", alice.userId()),
                given().header("x-user-id", alice.userId()).header("x-internal-secret", "guess"),
                given().header("x-user-id", alice.userId()).header("x-internal-secret", "") }) {
            spoof.when().get("/api/assessment/{id}/results", hers).then().statusCode(404)
                    .body("_tag", equalTo("SessionNotFound"));
        }
        // A spoofed start is anonymous and does not use up Alice's daily start either.
        String anonymous = start(given().header("x-user-id", alice.userId()), "{}");
        assertNull(owner(anonymous));
        given().header("x-user-id", alice.userId()).when().get("/api/auth/get-session").then().body(equalTo("null"));
    }

    @Test
    void withTheSecretTheHeaderActsAsThatUser() {
        Accounts.Account alice = Accounts.signUp();
        String started = start(given().header("x-internal-secret", SECRET).header("x-user-id", alice.userId()), "{}");
        assertEquals(alice.userId(), owner(started));
        as(alice).when().get("/api/assessment/{id}/resume", started).then().statusCode(200);
        given().header("x-internal-secret", SECRET).header("x-user-id", alice.userId()).when()
                .get("/api/assessment/{id}/results", started).then().statusCode(200);
        given().when().get("/api/assessment/{id}/results", started).then().statusCode(404);
    }

    @Test
    void aTrustedButMalformedOrUnknownUserIdIsRefused() {
        given().header("x-internal-secret", SECRET).header("x-user-id", "not-a-uuid").when().get("/api/auth/get-session")
                .then().statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("x-user-id"));
        given().header("x-internal-secret", SECRET).header("x-user-id", UUID.randomUUID().toString()).when()
                .get("/api/auth/get-session").then().statusCode(401).body("_tag", equalTo("Unauthorized"));
    }
}
