package dev.bigocean.conversation.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/assessment/message}. */
public record MessageRequest(@Schema(required = true, format = "uuid") String sessionId,
        @Schema(required = true, minLength = 1, description = "The user's answer; at most MAX_MESSAGE_LENGTH (default 4000) "
                + "characters.") String message) {
}
