package dev.bigocean.scoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchetypesTest {

    private static final Archetypes CATALOGUE = Archetypes.fromClasspath();
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)");

    private static List<String> allKeys() {
        List<String> keys = new ArrayList<>();
        for (char o = '1'; o <= '3'; o++)
            for (char c = '1'; c <= '3'; c++)
                for (char e = '1'; e <= '3'; e++)
                    for (char a = '1'; a <= '3'; a++)
                        keys.add("" + o + c + e + a);
        return keys;
    }

    private static Archetypes parse(String json) throws IOException {
        return Archetypes.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String entry(String key, String name, String color) {
        return "{\"key\":\"" + key + "\",\"name\":\"" + name + "\",\"description\":\"One. Two.\",\"color\":\""
                + color + "\",\"curated\":true}";
    }

    @Test
    void everyKeyExactlyOnce() {
        List<String> keys = CATALOGUE.all().stream().map(Archetype::key).sorted().toList();
        assertEquals(allKeys(), keys);
        assertEquals(81, CATALOGUE.size());
        allKeys().forEach(k -> assertEquals(k, CATALOGUE.forCode4(k).key()));
    }

    @Test
    void entriesAreCuratedAndWellFormed() {
        for (Archetype a : CATALOGUE.all()) {
            assertTrue(a.curated(), a.key());
            assertTrue(a.name().startsWith("The ") && a.name().length() > 4, a.key());
            assertTrue(a.color().matches("#[0-9A-Fa-f]{6}"), a.key());
            long sentences = SENTENCE_END.matcher(a.description()).results().count();
            assertTrue(sentences >= 2 && sentences <= 3, a.key() + " has " + sentences + " sentences");
        }
    }

    @Test
    void namesAndColoursAreDistinct() {
        Set<String> names = CATALOGUE.all().stream().map(Archetype::name).collect(Collectors.toSet());
        Set<String> colours = CATALOGUE.all().stream().map(a -> a.color().toUpperCase()).collect(Collectors.toSet());
        assertEquals(81, names.size());
        assertEquals(81, colours.size());
        assertEquals(81, new HashSet<>(CATALOGUE.all().stream().map(Archetype::description).toList()).size());
    }

    @Test
    void loadedOnce() {
        assertSame(CATALOGUE, Archetypes.fromClasspath());
    }

    @Test
    void sheetCodeFindsItsArchetype() {
        String code = Scoring.compute(Map.of()).oceanCode4();
        assertEquals("2222", CATALOGUE.forCode4(code).key());
    }

    @Test
    void missingKeyFallsBackToGeneratedEntry() throws IOException {
        Archetypes partial = parse("{\"version\":1,\"archetypes\":[" + entry("3323", "The Test", "#112233") + "]}");
        assertTrue(partial.forCode4("3323").curated());
        Archetype fallback = partial.forCode4("1213");
        assertFalse(fallback.curated());
        assertEquals("1213", fallback.key());
        assertTrue(fallback.name().startsWith("The "));
        assertTrue(fallback.color().matches("#[0-9A-Fa-f]{6}"));
        assertTrue(fallback.description().contains("low openness, medium conscientiousness, low extraversion"
                + " and high agreeableness"), fallback.description());
        assertEquals(2, SENTENCE_END.matcher(fallback.description()).results().count());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0000", "4444", "123", "12345", "HHMH", "3323 "})
    void malformedCodeIsRejected(String code) {
        assertThrows(IllegalArgumentException.class, () -> CATALOGUE.forCode4(code));
    }

    @Test
    void duplicateKeyIsRejected() {
        String json = "{\"version\":1,\"archetypes\":[" + entry("1111", "The One", "#112233") + ","
                + entry("1111", "The Two", "#445566") + "]}";
        assertThrows(IllegalStateException.class, () -> parse(json));
    }

    @ParameterizedTest
    @CsvSource({
            "1114, The One, #112233",  // digit outside 1-3
            "111,  The One, #112233",  // too short
            "1111, The One, #11223",   // colour too short
            "1111, The One, red",      // not #RRGGBB
            "1111, One,     #112233",  // name without "The "
            "1111, Theodore, #112233", // "The" without the space
    })
    void invalidEntryIsRejected(String key, String name, String color) {
        String json = "{\"version\":1,\"archetypes\":[" + entry(key, name, color) + "]}";
        assertThrows(IllegalStateException.class, () -> parse(json));
    }

    @Test
    void validEntryIsAccepted() throws IOException {
        Archetypes one = parse("{\"version\":1,\"archetypes\":[" + entry("1111", "The One", "#abcdef") + "]}");
        assertEquals(1, one.size());
        assertEquals("The One", one.forCode4("1111").name());
    }
}
