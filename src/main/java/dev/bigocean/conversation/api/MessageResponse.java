package dev.bigocean.conversation.api;

import java.util.Map;

/**
 * Body of {@code POST /api/assessment/message} (and the {@code done} event of its stream): the reference's
 * {@code response} and {@code confidence}, plus whether the assessment is now complete and the ids of both stored
 * messages.
 */
public record MessageResponse(String response, Map<String, Double> confidence, boolean assessmentComplete, String sessionId,
        String userMessageId, String assistantMessageId) {
}
