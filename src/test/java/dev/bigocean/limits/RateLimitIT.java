package dev.bigocean.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.web.ClientAddress;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(LowLimitsProfile.class)
class RateLimitIT {

    @Inject
    RedisDataSource redis;

    static String newIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    static Response get(String ip, String path) {
        return given().header("X-Forwarded-For", ip).when().get(path).then().extract().response();
    }

    @Test
    void anonymousCallersAreLimitedPerClientIp() {
        String ip = newIp();
        for (int i = 0; i < 5; i++) {
            get(ip, "/api/auth/get-session").then().statusCode(200);
        }
        Response limited = get(ip, "/api/assessment/" + UUID.randomUUID() + "/results");
        limited.then().statusCode(429).contentType(ContentType.JSON).body("_tag", equalTo("RateLimitExceeded"))
                .body("userId", nullValue()).body("resetAt", notNullValue()).body("message", notNullValue());
        long retryAfter = Long.parseLong(limited.getHeader("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3601, "" + retryAfter);
        assertTrue(Instant.parse(limited.path("resetAt")).isAfter(Instant.now()));
        // another client is unaffected
        get(newIp(), "/api/auth/get-session").then().statusCode(200);
    }

    @Test
    void anIpv6ClientIsLimitedPerSlash64() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String network = String.format("2001:db8:%x:%x:", r.nextInt(0x10000), r.nextInt(0x10000));
        for (int i = 0; i < 5; i++) { // a new address of the same /64 each time
            get(network + String.format("%x:%x:%x:%x", r.nextInt(0x10000), r.nextInt(0x10000), r.nextInt(0x10000), i + 1),
                    "/api/auth/get-session").then().statusCode(200);
        }
        get(network + "ffff:ffff:ffff:ffff", "/api/auth/get-session").then().statusCode(429);
        get(String.format("2001:db8:%x:%x::1", r.nextInt(0x10000), r.nextInt(0x10000)), "/api/auth/get-session").then()
                .statusCode(200);
    }

    @Test
    void noClientAddressIsKeptInTheClear() {
        String ip = newIp();
        get(ip, "/api/auth/get-session").then().statusCode(200);
        assertEquals(List.of(), redis.key().keys("*" + ip + "*"), "the rate limit's key names the address");
        assertEquals(1, redis.key().keys("rl:api:ip:" + ClientAddress.pseudonym(ip) + ":*").size());
    }

    @Test
    void onlyTheProxyAppendedAddressCounts() {
        String real = newIp();
        for (int i = 0; i < 5; i++) {
            get(newIp() + ", " + real, "/api/auth/get-session").then().statusCode(200);
        }
        // a client inventing a new left-most address does not escape its limit
        get("203.0.113." + ThreadLocalRandom.current().nextInt(1, 255) + ", " + real, "/api/auth/get-session").then()
                .statusCode(429);
    }

    static Response signUp(String ip) {
        return given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                .body("{\"email\":\"" + Accounts.newEmail() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                .when().post("/api/auth/sign-up/email").then().extract().response();
    }

    @Test
    void authenticatedCallersAreLimitedPerUserWhateverTheirAddress() {
        Response signedUp = signUp(newIp());
        signedUp.then().statusCode(200);
        String cookie = signedUp.getCookie(Accounts.COOKIE);
        String userId = signedUp.path("user.id");
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", newIp()).cookie(Accounts.COOKIE, cookie).when().get("/api/auth/get-session")
                    .then().statusCode(200);
        }
        given().header("X-Forwarded-For", newIp()).cookie(Accounts.COOKIE, cookie).when().get("/api/auth/get-session")
                .then().statusCode(429).body("_tag", equalTo("RateLimitExceeded")).body("userId", equalTo(userId));
        // the same address without the cookie is a different (anonymous) caller
        get(newIp(), "/api/auth/get-session").then().statusCode(200);
    }

    @Test
    void signInAttemptsHaveAStricterLimit() {
        String ip = newIp();
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                    .body("{\"email\":\"" + Accounts.newEmail() + "\",\"password\":\"wrong-password-1\"}")
                    .when().post("/api/auth/sign-in/email").then().statusCode(401);
        }
        given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                .body("{\"email\":\"" + Accounts.newEmail() + "\",\"password\":\"wrong-password-1\"}")
                .when().post("/api/auth/sign-in/email").then().statusCode(429).header("Retry-After", notNullValue())
                .body("_tag", equalTo("RateLimitExceeded"));
        signUp(ip).then().statusCode(429);
        // reading the session is not an attempt
        get(ip, "/api/auth/get-session").then().statusCode(200);
    }

    @Test
    void healthEndpointsAreExempt() {
        String ip = newIp();
        for (int i = 0; i < 12; i++) {
            get(ip, "/health").then().statusCode(200);
            get(ip, "/q/health/live").then().statusCode(200);
        }
    }

    @Test
    void behindTheTrustedProxyAnHttpsRequestGetsASecureCookie() {
        Response response = given().header("X-Forwarded-For", newIp()).header("X-Forwarded-Proto", "https")
                .contentType(ContentType.JSON)
                .body("{\"email\":\"" + Accounts.newEmail() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                .when().post("/api/auth/sign-up/email").then().statusCode(200).extract().response();
        assertTrue(response.getHeader("Set-Cookie").contains("; Secure"), response.getHeader("Set-Cookie"));
    }
}
