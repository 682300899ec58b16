package dev.bigocean.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The offline interviewer's question banks: the shipped ones load, and a broken translation is refused with its reasons. */
class ConversationContentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConversationContent content = ConversationContent.get();
    private final ConversationContent.Bank english = content.bank(ConversationContent.ENGLISH);

    @Test
    void everyTranslationLoadsAndIsInItsOwnWords() {
        assertTrue(content.translations().size() >= 20, "translations: " + content.translations());
        for (String language : content.translations()) {
            ConversationContent.Bank bank = content.bank(language);
            assertEquals(language, bank.language());
            for (Facet facet : Facet.values()) {
                assertEquals(english.questions(facet).size(), bank.questions(facet).size(), language + " " + facet);
            }
            assertEquals(english.followUps().size(), bank.followUps().size(), language);
            assertTrue(bank.closing().length() > 40, language + " closing: " + bank.closing());
            assertTrue(bank.allQuestions().stream().noneMatch(english.allQuestions()::contains), language + " is not English");
            assertSame(bank, content.bank(language), "loaded once");
        }
    }

    @Test
    void aLanguageWithoutATranslationGetsEnglish() {
        assertSame(english, content.bank("hi"));
        assertSame(english, content.bank(null));
        assertTrue(english.questions(Facet.IMAGINATION).get(0).startsWith("When your mind is free to wander"));
    }

    @Test
    void theQuestionAskedIsFoundInTheSessionsLanguageAndInEnglish() {
        String german = content.bank("de").questions(Facet.ORDERLINESS).get(1);
        assertEquals(Optional.of(Facet.ORDERLINESS), content.facetOfQuestionIn("Danke. " + german, "de"));
        assertEquals(Optional.empty(), content.facetOfQuestionIn("Danke. " + german, "ja"), "another language's bank");
        String englishQuestion = english.questions(Facet.TRUST).get(0);
        assertEquals(Optional.of(Facet.TRUST), content.facetOfQuestionIn(englishQuestion, "de"), "a session begun in English");
        assertEquals(Optional.empty(), content.facetOfQuestionIn("Danke.", "de"));
    }

    @Test
    void aTranslationMustMatchTheEnglishBank() {
        ObjectNode broken = translation();
        broken.put("language", "fr");
        ((ArrayNode) broken.path("questions").path("imagination")).remove(0);
        ArrayNode acknowledgements = (ArrayNode) broken.path("acknowledgements");
        acknowledgements.set(0, JSON.getNodeFactory().textNode("Danke, das ohne Zitat."));
        ((ArrayNode) broken.path("followUps")).remove(0);
        broken.put("closing", " ");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ConversationContent.bank("de", broken, english));
        String message = e.getMessage();
        assertTrue(message.startsWith("offline/question-bank-de.json: "), message);
        for (String problem : List.of("language must be de", "questions.imagination: needs 3 questions",
                "acknowledgements[0]: needs {echo} exactly as often as the English one",
                "followUps: needs " + english.followUps().size(), "closing: missing")) {
            assertTrue(message.contains(problem), problem + " in " + message);
        }
    }

    @Test
    void aQuestionThatIsPartOfAnotherOrStillEnglishIsRefused() {
        ObjectNode broken = translation();
        ArrayNode trust = (ArrayNode) broken.path("questions").path("trust");
        trust.set(1, JSON.getNodeFactory().textNode("Vertraust du anderen? Erzähl mir mehr."));
        trust.set(2, JSON.getNodeFactory().textNode("Vertraust du anderen?"));
        trust.set(0, JSON.getNodeFactory().textNode(english.questions(Facet.TRUST).get(0)));
        String message = assertThrows(IllegalStateException.class, () -> ConversationContent.bank("de", broken, english))
                .getMessage();
        assertTrue(message.contains("the question \"Vertraust du anderen?\" is also part of \"Vertraust du anderen? Erzähl mir mehr.\""),
                message);
        assertTrue(message.contains("is the English one"), message);
    }

    /** The shipped German bank as JSON, to break. */
    private ObjectNode translation() {
        ConversationContent.Bank german = content.bank("de");
        ObjectNode json = JSON.createObjectNode().put("version", 1).put("language", "de");
        ObjectNode questions = json.putObject("questions");
        for (Facet facet : Facet.values()) {
            german.questions(facet).forEach(questions.putArray(facet.apiName())::add);
        }
        german.acknowledgements().forEach(json.putArray("acknowledgements")::add);
        german.followUps().forEach(json.putArray("followUps")::add);
        json.put("closing", german.closing());
        ConversationContent.bank("de", json, english); // the copy passes as it is
        return json;
    }
}
