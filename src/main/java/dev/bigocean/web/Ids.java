package dev.bigocean.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** Parses ids from paths and bodies; a malformed one is a 400 {@code ValidationError} naming the field. */
public final class Ids {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Ids() {
    }

    public static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.validation(field, field + " is required");
        }
        if (!UUID_TEXT.matcher(value).matches()) {
            throw ApiException.validation(field, field + " must be a UUID");
        }
        return UUID.fromString(value);
    }

    public static UUID optionalUuid(String field, String value) {
        return value == null ? null : uuid(field, value);
    }
}
