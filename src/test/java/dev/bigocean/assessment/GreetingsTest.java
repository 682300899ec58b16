package dev.bigocean.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.bigocean.scoring.ConversationContent;

/** The greetings file: the shipped one passes, and each kind of broken file is refused with the reason. */
class GreetingsTest {

    private static final String LANGUAGES = "[{\"id\": \"en\"}, {\"id\": \"de\"}, {\"id\": \"pt-BR\"}, {\"id\": \"ar\"}]";

    @Test
    void theShippedGreetingsCoverEveryOfferedLanguage() {
        Map<String, String> greetings = Greetings.load(name -> getClass().getClassLoader().getResourceAsStream(name));
        assertTrue(greetings.get("de").startsWith("Hallo, ich bin Nerin"), greetings.get("de"));
        assertTrue(greetings.get("ja").contains("Nerinです"), greetings.get("ja"));
        assertTrue(greetings.containsKey("pt") && greetings.containsKey("zh"), "keyed by the primary subtag");
        assertTrue(!greetings.containsKey("en"), "English is the question bank's opening");
    }

    @Test
    void aGoodFileLoads() {
        Map<String, String> greetings = load("{\"greetings\": {\"de\": \"Hallo, ich bin Nerin.\", \"pt\": \"Olá, eu sou Nerin.\"},"
                + " \"englishFallback\": [\"ar\"]}");
        assertEquals(Map.of("de", "Hallo, ich bin Nerin.", "pt", "Olá, eu sou Nerin."), greetings);
    }

    @Test
    void everyProblemIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> load("{\"greetings\": {\"de\": \"  \","
                + " \"EN\": \"Hi, I'm Nerin\", \"zz\": \"Nerin\", \"en\": \"Hi, I'm Nerin\"}, \"englishFallback\": [\"ar\", \"fr\"]}"));
        String message = e.getMessage();
        assertTrue(message.contains("greetings.de: must be a text in which Nerin introduces itself"), message);
        assertTrue(message.contains("greetings.EN: not a lower-case ISO 639-1 code"), message);
        assertTrue(message.contains("greetings.zz: not a lower-case ISO 639-1 code"), message);
        assertTrue(message.contains("greetings.en: not a lower-case ISO 639-1 code other than en"), message);
        assertTrue(message.contains("offered language de has no greeting"), message);
        assertTrue(message.contains("offered language pt has no greeting"), message);
        assertTrue(message.contains("englishFallback.fr: not a language the questionnaire offers"), message);
    }

    @Test
    void aLanguageWithAGreetingCannotAlsoFallBack() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> load("{\"greetings\": {\"de\": \"Hallo, ich bin Nerin.\","
                + " \"pt\": \"Olá, eu sou Nerin.\"}, \"englishFallback\": [\"ar\", \"de\"]}"));
        assertTrue(e.getMessage().contains("englishFallback.de: has a greeting"), e.getMessage());
    }

    @Test
    void theGreetedLanguagesAreThoseOfTheOfflineQuestions() {
        Greetings.requireSameLanguages(Set.of("de", "ja"), Set.of("ja", "de"));
        Map<String, String> shipped = Greetings.load(name -> getClass().getClassLoader().getResourceAsStream(name));
        Greetings.requireSameLanguages(shipped.keySet(), ConversationContent.get().translations());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Greetings.requireSameLanguages(Set.of("de", "fr"), Set.of("de", "ja")));
        assertTrue(e.getMessage().contains("greetings.fr: the offline question bank has no fr translation"), e.getMessage());
        assertTrue(e.getMessage().contains("the offline question bank's ja translation has no greeting"), e.getMessage());
    }

    private static Map<String, String> load(String greetings) {
        return Greetings.load(name -> stream(name.equals(Greetings.FILE) ? greetings : LANGUAGES));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
