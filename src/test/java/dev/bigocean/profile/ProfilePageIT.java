package dev.bigocean.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.identity.Accounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The server-rendered profile page and its preview image, over HTTP (the browser test covers the same in Chromium):
 * statuses, meta tags, chart, caching headers, 304s, the owner's view of a private page; the web client's page and
 * assets with their cache headers and compression.
 */
@QuarkusTest
class ProfilePageIT {

    @Inject
    Pool pool;

    /** A shared profile of a session owned by {@code owner}, every facet at confidence 80 (code HHMHL). */
    String sharedProfile(Account owner) {
        ProfileIT helper = new ProfileIT();
        helper.pool = pool;
        String session = ProfileIT.start();
        helper.evidence(session, 80, ProfileIT.TRAIT_FACET_SCORES);
        pool.preparedQuery("UPDATE assessment_session SET user_id = $2 WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(session), UUID.fromString(owner.userId()))).await().indefinitely();
        return ProfileIT.shareOk(session, owner);
    }

    @Test
    void thePublicPageHasTheChartMetaTagsAndACachedPreviewImage() throws Exception {
        String id = sharedProfile(Accounts.signUp());
        Response page = given().get("/profile/{id}", id);
        page.then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", containsString("no-cache"))
                .body(containsString("<meta property=\"og:image\" content=\"http"))
                .body(containsString("/profile/" + id + "/og.png"))
                .body(containsString("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
                .body(containsString("<meta property=\"og:image:width\" content=\"1200\">"))
                .body(containsString("HHMHL"))
                .body(containsString("<svg"))
                .body(not(containsString(ProfileIT.QUOTE)));
        String etag = page.header("ETag");
        given().header("If-None-Match", etag).get("/profile/{id}", id).then().statusCode(304);

        Response image = given().get("/profile/{id}/og.png", id);
        image.then().statusCode(200).contentType("image/png").header("Cache-Control", containsString("max-age"));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.asByteArray()));
        assertEquals(1200, png.getWidth());
        assertEquals(630, png.getHeight());
        given().header("If-None-Match", image.header("ETag")).get("/profile/{id}/og.png", id).then().statusCode(304);
        assertNotEquals(etag, image.header("ETag"));
    }

    @Test
    void privateIs403ForOthersAndVisibleToItsOwnerUnknownIs404() {
        Account owner = Accounts.signUp();
        String id = sharedProfile(owner);
        given().contentType(ContentType.JSON).cookie(Accounts.COOKIE, owner.cookie()).body("{\"isPublic\": false}")
                .patch("/api/profile/{id}/visibility", id).then().statusCode(200);
        given().get("/profile/{id}", id).then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("This profile is private"));
        given().accept("image/*").get("/profile/{id}/og.png", id).then().statusCode(403).contentType(ContentType.JSON)
                .body("_tag", equalTo("ProfilePrivate")).body("requestId", notNullValue());
        given().cookie(Accounts.COOKIE, owner.cookie()).get("/profile/{id}", id).then().statusCode(200)
                .header("Cache-Control", containsString("private"))
                .body(containsString("only you can see it"));
        given().get("/profile/{id}", UUID.randomUUID()).then().statusCode(404).body(containsString("Profile not found"));
        given().get("/profile/not-a-uuid").then().statusCode(404).contentType(containsString("text/html"));
        for (String unknown : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            given().accept("image/*").get("/profile/{id}/og.png", unknown).then().statusCode(404).contentType(ContentType.JSON)
                    .body("_tag", equalTo("ProfileNotFound")).body("publicProfileId", equalTo(unknown));
        }
    }

    @Test
    void pagesAreNotFramedAndLoadOnlyFromHereEveryResponseIsNotSniffed() {
        String id = sharedProfile(Accounts.signUp());
        for (Response page : List.of(given().get("/"), given().get("/profile/{id}", id),
                given().get("/profile/{id}", UUID.randomUUID()))) {
            page.then().contentType(containsString("text/html")).header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", not(containsString("unsafe")))
                    .header("Referrer-Policy", "strict-origin-when-cross-origin")
                    .header("X-Content-Type-Options", "nosniff");
        }
        for (String page : List.of("/profile/" + id, "/profile/" + UUID.randomUUID())) {
            String html = given().get(page).asString();
            String css = html.replaceAll("(?s).*<link rel=\"stylesheet\" href=\"(/assets/[0-9a-f]+/profile\\.css)\">.*", "$1");
            assertTrue(css.startsWith("/assets/"), "the page links its stylesheet: " + html);
            assertFalse(html.contains("<style") || html.contains("style="), "no inline style: " + html);
            given().get(css).then().statusCode(200).contentType(containsString("text/css"))
                    .header("Cache-Control", equalTo("public, max-age=31536000, immutable"));
        }
        for (Response other : List.of(given().get("/api/profile/{id}", id), given().get("/profile/{id}/og.png", id),
                given().get("/static/api.js"), given().get("/no/such/path"))) {
            other.then().header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", nullValue());
        }
    }

    @Test
    void theWebClientIsCompressedAndItsAssetsAreImmutable() {
        Response index = given().header("Accept-Encoding", "gzip").get("/");
        index.then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", equalTo("no-cache")).header("Content-Encoding", equalTo("gzip"));
        given().header("If-None-Match", index.header("ETag")).get("/").then().statusCode(304);
        String html = index.asString();
        String script = html.replaceAll("(?s).*src=\"(/assets/[0-9a-f]+/app\\.js)\".*", "$1");
        assertTrue(script.startsWith("/assets/"), script);
        given().header("Accept-Encoding", "gzip").get(script).then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                .header("Content-Encoding", equalTo("gzip"));
        given().get(script.replaceAll("/assets/[0-9a-f]+/", "/assets/0000/")).then().statusCode(404);
        given().get("/static/api.js").then().statusCode(200).header("Cache-Control", equalTo("no-cache"));
        given().get("/assets/x").then().statusCode(404).header("Content-Encoding", nullValue());
    }
}
