package dev.bigocean.assessment.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code GET /api/assessment/:sessionId/resume}: the reference's {@code messages} and {@code confidence}, plus
 * {@code status}, {@code messageCount} and {@code assessmentComplete}.
 */
public record ResumeResponse(@Schema(required = true, description = "Oldest first; the first is Nerin's greeting.")
        List<MessageView> messages,
        @Schema(required = true, description = "Confidence per trait, 0 to 1.") Map<String, Double> confidence,
        @Schema(required = true, enumeration = { "active", "completed", "expired" }) String status,
        @Schema(required = true) int messageCount,
        @Schema(required = true) boolean assessmentComplete) {
}
