package dev.bigocean.questionnaire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.IpipNeo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryTest {

    private static final List<String> FILES = List.of("items.json", "languages.json", "text/en.json", "text/de.json",
            "text/ja.json");

    @TempDir
    Path copy;

    /** A copy of the vendored data, cut down to three languages, that a test may break. */
    @BeforeEach
    void copyData() throws IOException {
        Files.createDirectories(copy.resolve("text"));
        for (String name : FILES) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("questionnaire/" + name)) {
                Files.copy(in, copy.resolve(name));
            }
        }
        Files.writeString(copy.resolve("languages.json"), """
                [{"id": "en", "name": "English"}, {"id": "de", "name": "Deutsch"}, {"id": "ja", "name": "Japanese"}]""");
    }

    private Inventory loadCopy() {
        return Inventory.load(name -> {
            try {
                Path p = copy.resolve(name);
                return Files.exists(p) ? Files.newInputStream(p) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void edit(String name, UnaryOperator<String> change) throws IOException {
        Files.writeString(copy.resolve(name), change.apply(Files.readString(copy.resolve(name))));
    }

    private String failure() {
        return assertThrows(Inventory.BrokenInventory.class, this::loadCopy).getMessage();
    }

    @Test
    void vendoredDataIsComplete() {
        Inventory inventory = Inventory.fromClasspath();
        assertEquals(120, inventory.items().size());
        Map<Facet, Integer> perFacet = new EnumMap<>(Facet.class);
        inventory.items().forEach(i -> perFacet.merge(i.facet(), 1, Integer::sum));
        for (Facet f : Facet.values()) {
            assertEquals(4, perFacet.get(f), f.apiName());
        }
        assertEquals(39, inventory.languages().size());
        for (Inventory.Language l : inventory.languages()) {
            assertEquals(120, inventory.texts(l.id()).items().size(), l.id());
            assertEquals(5, inventory.texts(l.id()).choices().size(), l.id());
        }
        // spot checks against the published inventory: item 1 is N1 "Worry about things", plus-keyed
        Inventory.Item first = inventory.items().get(0);
        assertEquals(Facet.ANXIETY, first.facet());
        assertEquals(IpipNeo.Key.PLUS, first.key());
        assertEquals("Worry about things", inventory.texts("en").items().get(first.id()));
        assertEquals("Very Accurate", inventory.texts("en").choices().get(4));
        Inventory.Item distrust = inventory.items().stream()
                .filter(i -> inventory.texts("en").items().get(i.id()).equals("Distrust people")).findFirst().orElseThrow();
        assertEquals(Facet.TRUST, distrust.facet());
        assertEquals(IpipNeo.Key.MINUS, distrust.key());
    }

    @Test
    void languagesResolveByTagPrimarySubtagAndAlias() {
        Inventory inventory = Inventory.fromClasspath();
        assertEquals("de", inventory.resolve("de").orElseThrow().id());
        assertEquals("de", inventory.resolve("DE-at").orElseThrow().id());
        assertEquals("pt-BR", inventory.resolve("pt").orElseThrow().id());
        assertEquals("pt-BR", inventory.resolve("pt-br").orElseThrow().id());
        assertEquals("zh-HK", inventory.resolve("zh-HK").orElseThrow().id());
        assertEquals("zh-CN", inventory.resolve("zh").orElseThrow().id());
        assertEquals("no", inventory.resolve("nb-NO").orElseThrow().id());
        assertTrue(inventory.resolve("xx").isEmpty());
        assertTrue(inventory.resolve("").isEmpty());
    }

    @Test
    void theUnbrokenCopyLoads() {
        assertEquals(3, loadCopy().languages().size());
    }

    @Test
    void aMissingTranslationIsRefused() throws IOException {
        edit("text/de.json", s -> s.replaceFirst("\"43c98ce8-a07a-4dc2-80f6-c1b2a2485f06\": \"[^\"]*\",", ""));
        assertTrue(failure().contains("text/de.json: 1 item(s) without text"), failure());
    }

    @Test
    void aMissingItemBreaksItsFacet() throws IOException {
        // drop item 1 (anxiety): 119 items, anxiety has 3
        edit("items.json", s -> s.replaceFirst("(?s)\\{\\s*\"id\": \"43c98ce8[^}]*\\},", ""));
        String message = failure();
        assertTrue(message.contains("119 valid items, expected 120"), message);
        assertTrue(message.contains("facet anxiety has 3 items, expected 4"), message);
    }

    @Test
    void itemNumbersAreUniqueFromOneTo120() throws IOException {
        // answers are stored by item number, so two items with one number would share an answer
        edit("items.json", s -> s.replaceFirst("\"num\": 2,", "\"num\": 1,"));
        assertTrue(failure().contains("needs a number from 1 to 120 that no other item has"), failure());
        edit("items.json", s -> s.replaceFirst("\"num\": 1,", "\"num\": 121,"));
        assertTrue(failure().contains("needs a number from 1 to 120 that no other item has"), failure());
    }

    @Test
    void aMissingKeyIsRefused() throws IOException {
        edit("items.json", s -> s.replaceFirst("\"keyed\": \"plus\"", "\"keyed\": \"\""));
        assertTrue(failure().contains("keyed \"plus\" or \"minus\""), failure());
    }

    @Test
    void missingAnswerLabelsAreRefused() throws IOException {
        edit("text/ja.json", s -> s.replace("\"とても当てはまる\"", "\"\""));
        assertTrue(failure().contains("text/ja.json: needs five non-blank answer labels, has 4"), failure());
    }

    @Test
    void aListedLanguageWithoutItsFileIsRefused() throws IOException {
        Files.delete(copy.resolve("text/ja.json"));
        assertTrue(failure().contains("text/ja.json is missing"), failure());
    }

    @Test
    void invalidJsonIsRefused() throws IOException {
        edit("text/en.json", s -> s.substring(0, 40));
        assertTrue(failure().contains("text/en.json is not valid JSON"), failure());
    }
}
