package dev.bigocean.assessment.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored message as {@code /resume} shows it; {@code id} is usable with {@code /api/evidence/message/:id}. */
public record MessageView(@Schema(required = true, format = "uuid") String id,
        @Schema(required = true, enumeration = { "user", "assistant" }) String role,
        @Schema(required = true) String content,
        @Schema(required = true, format = "date-time") String timestamp) {
}
