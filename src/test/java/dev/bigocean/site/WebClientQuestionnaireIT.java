package dev.bigocean.site;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The web client's questionnaire and agreement report over HTTP, for when no browser runs ({@link WebClientBrowserIT}
 * covers the same in Chromium): the page has the controls, its assets load nothing from other hosts and never write
 * markup from data, and the calls the page makes, in its order, give what it shows.
 */
@QuarkusTest
class WebClientQuestionnaireIT {

    @Test
    void thePageHasTheLanguageChoiceTheQuestionnaireAndTheAgreementReport() {
        String html = given().get("/").then().statusCode(200).extract().asString();
        for (String id : new String[] { "language", "open-questionnaire", "questionnaire", "questionnaire-language",
                "questionnaire-items", "questionnaire-done", "agreement", "agreement-traits", "agreement-facets",
                "results-questionnaire" }) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("<label for=\"language\">"), "the language choice is labelled");
        assertTrue(html.contains("<label for=\"questionnaire-language\">"), "so is the questionnaire's");
        assertTrue(html.matches("(?s).*<section id=\"agreement\"[^>]*hidden.*"), "the report is hidden until results carry one");
    }

    @Test
    void theAssetsUseNoOtherHostAndNoMarkupFromData() {
        String html = given().get("/").then().statusCode(200).extract().asString();
        Matcher assets = Pattern.compile("(?:src|href)=\"(/assets/[0-9a-f]+/[a-z]+\\.(?:js|css))\"").matcher(html);
        StringBuilder all = new StringBuilder(html);
        int count = 0;
        while (assets.find()) {
            all.append(given().get(assets.group(1)).then().statusCode(200).extract().asString());
            count++;
        }
        assertEquals(2, count, "app.js and app.css are linked");
        String app = given().get("/static/app.js").then().statusCode(200).extract().asString();
        String api = given().get("/static/api.js").then().statusCode(200).extract().asString();
        all.append(api);
        String everything = all.toString().replace("http://www.w3.org/2000/svg", "");
        assertFalse(Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}").matcher(everything.replaceAll("(?m)^\\s*//.*$", ""))
                .find(), "no resource from another host");
        for (String sink : new String[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write" }) {
            assertFalse(app.contains(sink) || api.contains(sink), sink);
        }
        assertTrue(api.contains("/api/questionnaire") && api.contains("'PUT'"), "the client reads and answers the questionnaire");
    }

    @Test
    void theCallsOfThePageGiveWhatItShows() {
        // The start screen lists the questionnaire's languages, preselecting the browser's.
        Response listed = given().header("Accept-Language", "de-DE,de;q=0.9").get("/api/questionnaire?lang=de-DE");
        listed.then().statusCode(200).body("language", equalTo("de")).body("languages.id", org.hamcrest.Matchers.hasItems("en", "de", "ja"));
        // Start in that language: Nerin greets in German.
        String session = given().contentType(ContentType.JSON).body(Map.of("language", "de"))
                .post("/api/assessment/start").then().statusCode(200).body("language", equalTo("de"))
                .extract().path("sessionId");
        given().get("/api/assessment/{id}/resume", session).then().statusCode(200)
                .body("messages[0].content", startsWith("Hallo, ich bin Nerin"));
        // Before the chat: no questionnaire, no report.
        given().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("questionnaire", nullValue()).body("agreement", nullValue());
        // Two saves as the user goes, then the results carry the count and the report the page renders.
        List<String> items = listed.path("items.id");
        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of(items.get(0), 4)))
                .put("/api/assessment/{id}/questionnaire", session).then().statusCode(200).body("itemsAnswered", equalTo(1));
        given().contentType(ContentType.JSON).body(Map.of("answers", Map.of(items.get(1), 2, items.get(0), 5)))
                .put("/api/assessment/{id}/questionnaire", session).then().statusCode(200).body("itemsAnswered", equalTo(2));
        given().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("questionnaire.itemsAnswered", equalTo(2)).body("questionnaire.itemsTotal", equalTo(120))
                .body("agreement.traits", hasSize(5)).body("agreement.facets", hasSize(30))
                .body("agreement.facets.label", everyItem(equalTo("not_enough_evidence")))
                .body("agreement.overallAgreement", nullValue());
    }
}
