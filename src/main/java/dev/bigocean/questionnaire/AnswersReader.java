package dev.bigocean.questionnaire;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;

import dev.bigocean.scoring.IpipNeo;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.JsonBody;

/**
 * Reads a {@code PUT …/questionnaire} body into the answers it gives: an array by item number (index: number − 1), 1–5
 * for an item answered and 0 for one left alone. Every problem is a 400 naming {@code body}, {@code answers} or
 * {@code answers.<item id>}.
 *
 * <p>The body almost every client sends, {@code {"answers": {"<item id>": 1..5, …}}} with each item once and nothing
 * else, is read in one pass of a streaming parser ({@link #strict}). Anything else (another field, a value that is not
 * an integer from 1 to 5, an unknown or repeated item, text after the object, a body over the limit, invalid JSON) is
 * read as before, as a tree by {@link JsonBody} and checked item by item ({@link #checked}), which accepts or refuses
 * it with the field it names. The one pass accepts only bodies the tree reading accepts, with the same answers, so it
 * changes how fast a body is read and nothing else; {@code AnswersReaderTest} compares the two on valid and broken
 * bodies. With 120 items, the tree (a node, a field-name symbol and a duplicate check per item, then a text check and a
 * map entry) was about a fifth of the service's time for the request.
 */
final class AnswersReader {

    /** Field names are item ids read once per request: interning them in a symbol table costs more than it saves. */
    private static final JsonFactory ONE_PASS = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

    private final Inventory inventory;
    private final JsonBody json;
    /** Each item's id as the parser compares it with the body's text (index: number − 1). */
    private final SerializableString[] ids = new SerializableString[IpipNeo.ITEM_COUNT];

    AnswersReader(Inventory inventory, JsonBody json) {
        this.inventory = inventory;
        this.json = json;
        inventory.items().forEach(item -> ids[item.num() - 1] = new SerializedString(item.id()));
    }

    /** The answers {@code raw} gives; a 400 when it is not a valid answers body. */
    int[] read(String raw) {
        int[] answers = strict(raw);
        return answers != null ? answers : tree(raw);
    }

    /** The answers of {@code raw} read as a tree, as every body was before {@link #strict}; a 400 when not valid. */
    int[] tree(String raw) {
        JsonNode body = json.require(raw, JsonNode.class);
        if (!body.isObject()) {
            throw ApiException.validation("body", "The request body must be a JSON object");
        }
        return checked(body.get("answers"));
    }

    /**
     * The answers of a body of exactly the form {@code {"answers": {"<item id>": 1..5, …}}} with at least one item,
     * each once, within the body limit; null for anything else, including JSON that does not parse, which
     * {@link #read} then reads as a tree.
     */
    int[] strict(String raw) {
        if (raw == null || !json.withinLimit(raw)) {
            return null;
        }
        try (JsonParser parser = ONE_PASS.createParser(raw)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
                    || !"answers".equals(parser.currentName()) || parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int[] answers = new int[IpipNeo.ITEM_COUNT];
            int given = 0;
            int expected = 0; // the item after the one just read: clients send the items in order, or pages of them
            while (true) {
                Inventory.Item item;
                if (expected < ids.length && parser.nextFieldName(ids[expected])) {
                    item = inventory.item(expected + 1).orElseThrow(); // matched in the text: no name, no lookup
                } else {
                    JsonToken token = expected < ids.length ? parser.currentToken() : parser.nextToken();
                    if (token == JsonToken.END_OBJECT) {
                        break;
                    }
                    item = token == JsonToken.FIELD_NAME ? inventory.item(parser.currentName()).orElse(null) : null;
                }
                if (item == null || answers[item.num() - 1] != 0 || parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                    return null;
                }
                int answer = parser.getIntValue(); // beyond int: an IOException, below
                if (answer < 1 || answer > 5) {
                    return null;
                }
                answers[item.num() - 1] = answer;
                given++;
                expected = item.num();
            }
            boolean whole = parser.nextToken() == JsonToken.END_OBJECT && parser.nextToken() == null;
            return whole && given > 0 ? answers : null;
        } catch (IOException e) {
            return null; // not JSON, not only JSON, or an integer beyond int: the tree reading names the problem
        }
    }

    /** The answers of the {@code answers} field of a body read as a tree, checked item by item. */
    int[] checked(JsonNode body) {
        if (body == null || body.isNull()) {
            throw ApiException.validation("answers", "answers is required");
        }
        if (!body.isObject()) {
            throw ApiException.validation("answers", "answers must be an object of item id → answer 1 to 5");
        }
        if (body.isEmpty()) {
            throw ApiException.validation("answers", "answers must contain at least one item");
        }
        int[] answers = new int[IpipNeo.ITEM_COUNT];
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Inventory.Item item = inventory.item(e.getKey()).orElseThrow(() -> ApiException.validation(
                    "answers." + e.getKey(), "Unknown questionnaire item: " + e.getKey()));
            JsonNode value = e.getValue();
            if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > 5) {
                String field = "answers." + e.getKey();
                throw ApiException.validation(field, field + " must be an integer from 1 to 5");
            }
            answers[item.num() - 1] = value.asInt(); // an item named twice (in two cases) keeps the later answer
        }
        return answers;
    }
}
