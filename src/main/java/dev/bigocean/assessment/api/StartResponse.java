package dev.bigocean.assessment.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record StartResponse(@Schema(required = true, format = "uuid") String sessionId,
        @Schema(required = true, format = "date-time") String createdAt,
        @Schema(required = true, description = "ISO 639-1 code of the conversation's language.", example = "en") String language) {
}
