package dev.bigocean.web;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Iterator;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Reads request bodies so that every malformed one (not JSON, wrong type, unknown shape) becomes a 400
 * {@code ValidationError} naming the field, whatever the Content-Type the client sent. Text that is not valid Unicode
 * or that PostgreSQL cannot store (a NUL character, an unpaired surrogate from a {@code \uD800} escape) is refused
 * here too, in every string and field name of the body, instead of failing later in the database.
 */
@ApplicationScoped
public class JsonBody {

    private final ObjectMapper mapper;
    private final ErrorMapper errors = new ErrorMapper();
    private final long maxBytes;

    JsonBody(ObjectMapper mapper, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
        // Anything after the JSON value ("{} {}", "{...}garbage") makes the body invalid, as a JSON text is one value.
        // A field given twice ({"sessionId": A, …, "sessionId": B}) is refused instead of the last one silently winning.
        this.mapper = mapper.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // A number is not a string and "true" is not a boolean: refuse scalar coercion so the field is named in a 400.
        this.mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        this.mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    /** The body as {@code type}; an empty body gives {@code null}. */
    public <T> T read(String raw, Class<T> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (overLimit(raw)) {
            // An HTTP/2 body sent without a length is read by Quarkus REST, which holds up to its input buffer
            // (256 KiB) whatever the limit; every other body over the limit was refused before it was read (BodyLimit).
            throw ApiException.payloadTooLarge(maxBytes);
        }
        try {
            JsonNode tree = mapper.readTree(raw);
            if (tree == null || tree.isMissingNode()) {
                return null;
            }
            checkText(tree, "");
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw errors.validationOf(e);
        }
    }

    /** Whether {@code raw} is within the body limit, as {@link #read} checks it before parsing. */
    public boolean withinLimit(String raw) {
        return !overLimit(raw);
    }

    /**
     * Whether {@code text} took more than the body limit in UTF-8, counted without encoding it. U+FFFD counts one byte,
     * the least it can stand for (a byte that was not valid UTF-8), so a body sent within the limit is never refused.
     */
    private boolean overLimit(String text) {
        if (text.length() * 3L <= maxBytes) {
            return false; // a char takes at most three bytes (a surrogate pair, two chars, takes four)
        }
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= maxBytes; i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 || c == '\uFFFD' ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes > maxBytes;
    }

    /** Refuses NUL characters and unpaired surrogates anywhere in the tree, naming the field as validation errors do. */
    private static void checkText(JsonNode node, String path) {
        if (node.isTextual()) {
            if (!storable(node.textValue())) {
                String field = path.isEmpty() ? "body" : path;
                throw ApiException.validation(field, field + " contains a NUL character or invalid Unicode");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!storable(field.getKey())) {
                    throw ApiException.validation("body", "A field name contains a NUL character or invalid Unicode");
                }
                JsonNode value = field.getValue();
                if (holdsText(value)) {
                    checkText(value, path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (holdsText(element)) {
                    checkText(element, path + "[" + i + "]");
                }
            }
        }
    }

    /** Whether {@code node} can hold text: numbers and literals cannot, so no path is built for them. */
    private static boolean holdsText(JsonNode node) {
        return node.isTextual() || node.isContainerNode();
    }

    /** No NUL, and every surrogate in a pair. */
    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The body as {@code type}; an empty body is a 400 naming {@code body}. */
    public <T> T require(String raw, Class<T> type) {
        T value = read(raw, type);
        if (value == null) {
            throw ApiException.validation("body", "A JSON request body is required");
        }
        return value;
    }
}
