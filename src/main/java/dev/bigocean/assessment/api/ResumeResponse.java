package dev.bigocean.assessment.api;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code GET /api/assessment/:sessionId/resume}: the reference's {@code messages} and {@code confidence}, plus
 * {@code status}, {@code messageCount} and {@code assessmentComplete}.
 */
public record ResumeResponse(List<MessageView> messages, Map<String, Double> confidence, String status, int messageCount,
        boolean assessmentComplete) {
}
