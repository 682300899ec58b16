package dev.bigocean.assessment.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record StartResponse(@Schema(required = true, format = "uuid") String sessionId,
        @Schema(required = true, format = "date-time") String createdAt) {
}
