package dev.bigocean.questionnaire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.bigocean.scoring.IpipNeo;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.JsonBodies;
import dev.bigocean.web.JsonBody;

/**
 * The one-pass reading of an answers body accepts only what the tree reading accepts, with the same answers, and does
 * accept the bodies clients send; whatever it declines is answered exactly as the tree reading answers it.
 */
class AnswersReaderTest {

    private static final Inventory INVENTORY = Inventory.fromClasspath();
    private static final JsonBody JSON = JsonBodies.withLimit(16_384);
    private final AnswersReader reader = new AnswersReader(INVENTORY, JSON);

    private static String id(int number) {
        return INVENTORY.item(number).orElseThrow().id();
    }

    /** {"answers": {…}} with items 1..count, answer {@code 1 + (n * 7) % 5} each, compact. */
    private static String body(int count) {
        return bodyOf(IntStream.rangeClosed(1, count).toArray());
    }

    /** {"answers": {…}} with the given items in the given order, answer {@code 1 + (n * 7) % 5} each, compact. */
    private static String bodyOf(int... numbers) {
        StringBuilder answers = new StringBuilder();
        for (int n : numbers) {
            answers.append(answers.length() > 0 ? "," : "").append('"').append(id(n)).append("\":")
                    .append(1 + (n * 7) % 5);
        }
        return "{\"answers\":{" + answers + "}}";
    }

    /** The tree reading's outcome: the answers, or the refusal's field and message. */
    private Object byTree(String raw) {
        try {
            return reader.tree(raw);
        } catch (ApiException e) {
            return e.fields() + " " + e.getMessage();
        }
    }

    private Object read(String raw) {
        try {
            return reader.read(raw);
        } catch (ApiException e) {
            return e.fields() + " " + e.getMessage();
        }
    }

    private void sameAsTree(String raw) {
        Object tree = byTree(raw);
        int[] onePass = reader.strict(raw);
        if (onePass != null) {
            assertEquals(int[].class, tree.getClass(), () -> "one pass accepted a body the tree refused: " + raw);
            assertArrayEquals((int[]) tree, onePass, raw);
        }
        Object read = read(raw);
        if (tree instanceof int[] answers) {
            assertArrayEquals(answers, (int[]) read, raw);
        } else {
            assertEquals(tree, read, raw);
        }
    }

    @Test
    void theBodiesClientsSendAreReadInOnePassWithTheTreesAnswers() {
        String one = "{\"answers\":{\"" + id(7) + "\":4}}";
        String spaced = "{ \"answers\" : {\n  \"" + id(1) + "\" : 5 ,\r\n\t\"" + id(120) + "\": 1 }\n}\n";
        String upper = "{\"answers\":{\"" + id(3).toUpperCase(Locale.ROOT) + "\":2}}";
        String escaped = "{\"answers\":{\"" + id(9).replace("-", "\\u002d") + "\":3}}";
        for (String raw : List.of(body(120), body(20), one, spaced, upper, escaped)) {
            assertNotNull(reader.strict(raw), raw);
            sameAsTree(raw);
        }
        int[] all = reader.read(body(120));
        for (int n = 1; n <= IpipNeo.ITEM_COUNT; n++) {
            assertEquals(1 + (n * 7) % 5, all[n - 1]);
        }
        int[] spacedAnswers = reader.read(spaced);
        assertEquals(5, spacedAnswers[0]);
        assertEquals(1, spacedAnswers[119]);
        assertEquals(2, Arrays.stream(spacedAnswers).filter(a -> a != 0).count());
    }

    @Test
    void everyOtherBodyIsAnsweredAsTheTreeAnswersIt() {
        String a = id(1);
        String b = id(2);
        List<String> bodies = new ArrayList<>(List.of("", " ", "null", "[]", "5", "\"answers\"", "{}",
                "{\"answers\":null}", "{\"answers\":[]}", "{\"answers\":{}}", "{\"answers\":5}",
                "{\"Answers\":{\"" + a + "\":1}}",
                "{\"x\":1,\"answers\":{\"" + a + "\":1}}", "{\"answers\":{\"" + a + "\":1},\"x\":\"\\u0000\"}",
                "{\"answers\":{\"" + a + "\":1},\"answers\":{\"" + b + "\":2}}",
                "{\"answers\":{\"" + a + "\":1,\"" + a + "\":2}}",
                "{\"answers\":{\"" + a + "\":1,\"" + a.toUpperCase(Locale.ROOT) + "\":2}}",
                "{\"answers\":{\"" + a + "\":1}} {}", "{\"answers\":{\"" + a + "\":1}}x",
                "{\"answers\":{\"" + a + "\":1}",
                "{\"answers\":{\"" + a + "\":1,}}", "{\"answers\":{\"nope\":1}}", "{\"answers\":{\"\\ud800\":1}}",
                "{'answers':{'" + a + "':1}}", "{\"answers\":{\"" + a + "\":1 /* c */}}", "not json"));
        for (String value : List.of("0", "6", "-1", "5.0", "1e0", "\"5\"", "true", "null", "05", "99999999999999999999",
                "2147483648", "[5]", "{}")) {
            bodies.add("{\"answers\":{\"" + a + "\":" + value + "}}");
        }
        bodies.add(" ".repeat(20_000) + body(1)); // over the limit
        for (String raw : bodies) {
            sameAsTree(raw);
        }
        assertNull(reader.strict("{\"x\":1,\"answers\":{\"" + a + "\":1}}"), "another field is read as a tree");
        assertEquals("{field=answers." + a + "} answers." + a + " must be an integer from 1 to 5",
                read("{\"answers\":{\"" + a + "\":6}}"));
    }

    @Test
    void itemsInAnyOrderAreReadInOnePassWithTheTreesAnswers() {
        int[] reversed = new int[IpipNeo.ITEM_COUNT];
        Arrays.setAll(reversed, i -> IpipNeo.ITEM_COUNT - i);
        int[] page = new int[24];
        Arrays.setAll(page, i -> 25 + i);
        List<String> accepted = List.of(bodyOf(reversed), bodyOf(page), bodyOf(1, 2, 5, 6, 120, 3), bodyOf(120, 1),
                bodyOf(60, 61, 1, 2, 119, 120));
        for (String raw : accepted) {
            assertNotNull(reader.strict(raw), raw);
            sameAsTree(raw);
        }
        String all = body(120);
        String inner = all.substring(0, all.length() - 2);
        for (String raw : List.of(inner + ",\"" + id(1) + "\":2}}", inner + ",\"" + id(120) + "\":2}}",
                inner + ",\"nope\":2}}", inner + ",5}}", inner + "}", bodyOf(1, 2, 2), bodyOf(1, 2, 1),
                bodyOf(1).replace("}}", ",\"" + id(2) + "\":\"3\"}}"),
                bodyOf(1).replace("}}", ",\"" + id(2) + "\":{}}}"))) {
            assertNull(reader.strict(raw), raw);
            sameAsTree(raw);
        }
    }

    @Test
    void aLongBodyWithinTheLimitIsReadInOnePass() {
        String raw = body(120).replace(",", ",\n" + " ".repeat(40));
        assertNotNull(reader.strict(raw));
        assertEquals(IpipNeo.ITEM_COUNT, Arrays.stream(reader.read(raw)).filter(x -> x != 0).count());
    }
}
