package dev.bigocean.conversation.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * Body of {@code POST /api/assessment/message} (and the {@code done} event of its stream): the reference's
 * {@code response} and {@code confidence}, plus whether the assessment is now complete and the ids of both stored
 * messages.
 */
public record MessageResponse(@Schema(required = true, description = "Nerin's reply.") String response,
        @Schema(required = true, description = "Confidence per trait (openness, conscientiousness, extraversion, "
                + "agreeableness, neuroticism), 0 to 1.") Map<String, Double> confidence,
        @Schema(required = true, description = "true when Nerin closed the assessment with this reply.") boolean assessmentComplete,
        @Schema(required = true, format = "uuid") String sessionId,
        @Schema(required = true, format = "uuid") String userMessageId,
        @Schema(required = true, format = "uuid") String assistantMessageId) {
}
