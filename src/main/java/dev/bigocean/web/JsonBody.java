package dev.bigocean.web;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads request bodies so that every malformed one (not JSON, wrong type, unknown shape) becomes a 400
 * {@code ValidationError} naming the field, whatever the Content-Type the client sent.
 */
@ApplicationScoped
public class JsonBody {

    private final ObjectMapper mapper;
    private final ErrorMapper errors = new ErrorMapper();

    JsonBody(ObjectMapper mapper) {
        this.mapper = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
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
        try {
            return mapper.readValue(raw, type);
        } catch (JsonProcessingException e) {
            throw errors.validationOf(e);
        }
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
