package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptTextTest {

    /** Values that look like placeholders or template syntax, which must come out as they went in. */
    private static Map<String, String> values(String resource) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("progress", "Turn 3 of 25; {focus} stays as text");
        values.put("history", "user: {{userMessage}}\nnerin: {#if x}{/if}");
        values.put("question", "What do you enjoy? {question}");
        values.put("userMessage", "I like {language} and $1 \\ {}");
        values.put("language", "German (de)");
        if (resource.contains("nerin-turn")) {
            values.put("focus", "orderliness: ask about {plans}");
        }
        values.keySet().retainAll(resource.contains("analyzer")
                ? Set.of("question", "userMessage", "language")
                : Set.of("progress", "history", "focus", "userMessage", "language"));
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"prompts/nerin-turn-v1.txt", "prompts/nerin-closing-v1.txt", "prompts/analyzer-user-v1.txt"})
    void fillsEveryPlaceholderOfTheFileWithItsValueAsItIs(String resource) {
        Map<String, String> values = values(resource);
        // the same text, by another route: each placeholder replaced in the file's text, all at once
        String text = PromptResources.text(resource);
        StringBuilder expected = new StringBuilder();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(text);
        while (m.find()) {
            m.appendReplacement(expected, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(expected);
        PromptText prompt = PromptText.load(resource);
        assertEquals(expected.toString(), prompt.fill(values));
        assertEquals(text.length(), prompt.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"prompts/nerin-turn-v1.txt", "prompts/analyzer-user-v1.txt"})
    void aMissingOrUnknownValueIsRefused(String resource) {
        PromptText prompt = PromptText.load(resource);
        Map<String, String> missing = new LinkedHashMap<>(values(resource));
        missing.remove("language");
        assertThrows(IllegalArgumentException.class, () -> prompt.fill(missing));
        Map<String, String> unknown = new LinkedHashMap<>(values(resource));
        unknown.put("languag", "typo");
        assertThrows(IllegalArgumentException.class, () -> prompt.fill(unknown));
    }
}
