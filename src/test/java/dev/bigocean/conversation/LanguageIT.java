package dev.bigocean.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bigocean.platform.PromptResources;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.OpenAiStub;
import dev.bigocean.testsupport.RecordedRequest;
import dev.bigocean.testsupport.Sql;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The conversation in the user's language: chosen at /start, stored on the session, asked of Nerin every turn. */
@QuarkusTest
class LanguageIT {

    OpenAiStub stub;

    @BeforeEach
    void resetStub() {
        stub = InfrastructureResource.stub();
        stub.reset();
    }

    static String start(RequestSpecification request, String body, String expectedLanguage) {
        String id = request.contentType(ContentType.JSON).body(body).when().post("/api/assessment/start")
                .then().statusCode(200).body("language", equalTo(expectedLanguage)).extract().path("sessionId");
        assertEquals(expectedLanguage, Sql.single("select language from assessment_session where id = ?::uuid", id));
        return id;
    }

    static void send(String sessionId, String message) {
        given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(Map.of("sessionId", sessionId, "message", message))
                .when().post("/api/assessment/message").then().statusCode(200);
    }

    @Test
    void aGermanSessionAsksNerinForGerman() {
        stub.respondWith(Stubs.nerin("Das klingt nach einem schönen Tag. Was hat dir daran am meisten bedeutet?"));
        String session = start(given(), "{\"language\": \"de-AT\"}", "de");
        send(session, "Ich war am Samstag mit Freunden wandern.");
        RecordedRequest request = Stubs.nerinRequests(stub).get(0);
        assertTrue(request.lastUserText().contains("Write your whole reply in German (de)."), request.lastUserText());
        assertTrue(request.systemText().contains("always in the language each turn names"), request.systemText());
        assertEquals(PromptResources.text("prompts/nerin-system-v1.txt"), request.systemText(), "the system prompt, unchanged");
        assertTrue(!request.allMessageText().contains("Japanese"), "only the session's own language is named");
    }

    @Test
    void aJapaneseSessionFromAcceptLanguageAsksNerinForJapanese() {
        stub.respondWith(Stubs.nerin("素敵な週末ですね。そのとき一番心に残ったことは何ですか？"));
        String session = start(given().header("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5"), "{}", "ja");
        send(session, "週末は友達と山に登りました。");
        RecordedRequest request = Stubs.nerinRequests(stub).get(0);
        assertTrue(request.lastUserText().contains("Write your whole reply in Japanese (ja)."), request.lastUserText());
        assertTrue(request.lastUserText().contains("<user_message>\n週末は友達と山に登りました。"), request.lastUserText());
    }

    @Test
    void nerinGreetsInTheSessionsLanguage() {
        String german = start(given(), "{\"language\": \"de\"}", "de");
        given().when().get("/api/assessment/{id}/resume", german).then().statusCode(200)
                .body("messages.size()", equalTo(1)).body("messages[0].role", equalTo("assistant"))
                .body("messages[0].content", startsWith("Hallo, ich bin Nerin – danke, dass du dir Zeit"));
        String japanese = start(given().header("Accept-Language", "ja-JP"), "{}", "ja");
        given().when().get("/api/assessment/{id}/resume", japanese).then().statusCode(200)
                .body("messages[0].content", startsWith("こんにちは、Nerinです。"));
        String brazilian = start(given(), "{\"language\": \"pt-BR\"}", "pt");
        given().when().get("/api/assessment/{id}/resume", brazilian).then().statusCode(200)
                .body("messages[0].content", startsWith("Olá, eu sou Nerin."));
        // English, and a language without a greeting of its own (see prompts/greetings.json), get the English text.
        for (String body : new String[] { "{}", "{\"language\": \"ar\"}" }) {
            String id = start(given(), body, body.equals("{}") ? "en" : "ar");
            given().when().get("/api/assessment/{id}/resume", id).then().statusCode(200)
                    .body("messages[0].content", equalTo(ENGLISH_GREETING));
        }
    }

    /** The English greeting, byte for byte as it was before greetings had languages. */
    static final String ENGLISH_GREETING = "Hi, I'm Nerin — thank you for taking the time to chat with me. There are no "
            + "right or wrong answers here; I'm simply curious about you and the way you experience life. To start us off, "
            + "tell me about a recent day that felt really like you — what happened, and what made it feel that way?";

    @Test
    void theBodyWinsOverTheHeaderAndEnglishIsTheDefault() {
        start(given().header("Accept-Language", "ja"), "{\"language\": \"fr\"}", "fr");
        start(given(), "{}", "en");
        start(given().header("Accept-Language", "*;q=0.5, ;;bad"), "{}", "en");
        start(given().header("Accept-Language", "x-klingon, de;q=0.4"), "{}", "de");
    }

    @Test
    void aMalformedLanguageIs400InEnglish() {
        for (String bad : new String[] { "\"\"", "\"german\"", "\"de_DE!\"", "\"zz\"", "42" }) {
            given().header("Accept-Language", "de").contentType(ContentType.JSON).body("{\"language\": " + bad + "}")
                    .when().post("/api/assessment/start").then().statusCode(400)
                    .body("_tag", equalTo("ValidationError")).body("field", equalTo("language"))
                    .body("message", org.hamcrest.Matchers.startsWith("language"));
        }
    }
}
