package dev.bigocean.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@TestProfile(ExternalIdentityProfile.class)
class HibpIT {

    static ValidatableResponse signUp(String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + Accounts.newEmail() + "\",\"password\":\"" + password + "\",\"name\":\"x\"}")
                .when().post("/api/auth/sign-up/email").then();
    }

    @Test
    void aBreachedPasswordIsRefusedAndOnlyAFiveCharacterPrefixLeaves() {
        HibpStub.PATHS.clear();
        signUp(HibpStub.PWNED).statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("password"));
        String sha1 = PwnedPasswords.sha1(HibpStub.PWNED);
        assertTrue(HibpStub.PATHS.contains("/range/" + sha1.substring(0, 5)), HibpStub.PATHS.toString());
        assertFalse(HibpStub.PATHS.stream().anyMatch(p -> p.contains(sha1.substring(5, 12))));
        assertTrue(HibpStub.PATHS.stream().allMatch(p -> p.matches("/range/[0-9A-F]{5}")));
    }

    @Test
    void paddingEntriesDoNotCount() {
        signUp(HibpStub.PADDED).statusCode(200);
    }

    @Test
    void aSlowOrFailingApiFailsOpen() {
        long t0 = System.nanoTime();
        signUp(HibpStub.SLOW).statusCode(200);
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2900, "the sign-up must not wait for the slow API");
        signUp(HibpStub.FAILING).statusCode(200);
    }

    @Test
    void theShippedListStillApplies() {
        signUp("qwerty123456").statusCode(400).body("field", equalTo("password"));
    }
}
