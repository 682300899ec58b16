package dev.bigocean.privacy.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.bigocean.assessment.api.ResultsResponse;

/**
 * Body of {@code GET /api/account/export}: every piece of data the service holds about the caller. Timestamps are ISO
 * 8601 UTC; costs are micro-USD as stored. Token hashes of sign-in sessions are never exported.
 */
public record AccountExport(@Schema(required = true, format = "date-time") String exportedAt, @Schema(required = true) Account account, @Schema(required = true) List<SignInSession> signInSessions,
        @Schema(required = true) List<Assessment> assessments) {

    @Schema(name = "ExportAccount")
    public record Account(@Schema(required = true, format = "uuid") String id, @Schema(required = true) String email, String name, @Schema(required = true) boolean hasPassword, String oidcIssuer,
            String oidcSubject, @Schema(required = true, format = "date-time") String createdAt, @Schema(format = "date-time") String updatedAt) {
    }

    @Schema(name = "ExportSignInSession")
    public record SignInSession(@Schema(required = true, format = "uuid") String id, @Schema(required = true, format = "date-time") String createdAt, @Schema(required = true, format = "date-time") String expiresAt,
            @Schema(format = "date-time") String refreshedAt, String ipAddress, String userAgent,
            @Schema(required = true, description = "The sign-in session of this request.") boolean current) {
    }

    /** {@code startedFromClient}: the pseudonymous budget key of the address an anonymous start came from, if any. */
    @Schema(name = "ExportAssessment")
    public record Assessment(@Schema(required = true, format = "uuid") String sessionId, @Schema(required = true) String status, @Schema(required = true) int messageCount,
            @Schema(required = true, format = "date-time") String createdAt, @Schema(required = true, format = "date-time") String lastActivityAt, @Schema(format = "date-time") String completedAt,
            String startedFromClient, @Schema(required = true) List<Message> messages, @Schema(required = true) List<Evidence> evidence, ResultsResponse results,
            Profile profile, @Schema(required = true) List<AnalysisJob> analysisJobs,
            @Schema(required = true, description = "Questionnaire answers, item id to 1..5 (empty when none).")
            Map<String, Integer> questionnaireAnswers) {
    }

    @Schema(name = "ExportMessage")
    public record Message(@Schema(required = true, format = "uuid") String id, @Schema(required = true, enumeration = { "user", "assistant" }) String role,
            @Schema(required = true) String content, @Schema(required = true, format = "date-time") String timestamp, String model, Integer inputTokens, Integer outputTokens,
            Long costMicros) {
    }

    @Schema(name = "ExportEvidence")
    public record Evidence(@Schema(required = true, format = "uuid") String id, @Schema(required = true, format = "uuid") String assessmentMessageId, @Schema(required = true) String facetName,
            @Schema(required = true) int score, @Schema(required = true) int confidence, @Schema(required = true) String quote, @Schema(required = true) HighlightRange highlightRange,
            @Schema(required = true, format = "date-time") String createdAt) {
    }

    @Schema(name = "ExportHighlightRange")
    public record HighlightRange(@Schema(required = true) int start, @Schema(required = true) int end) {
    }

    @Schema(name = "ExportProfile")
    public record Profile(@Schema(required = true, format = "uuid") String publicProfileId, @Schema(required = true) String shareableUrl,
            @Schema(required = true) @JsonProperty("isPublic") boolean isPublic, @Schema(required = true) long viewCount, @Schema(required = true, format = "date-time") String createdAt,
            @Schema(format = "date-time") String updatedAt) {
    }

    @Schema(name = "ExportAnalysisJob")
    public record AnalysisJob(@Schema(required = true, format = "uuid") String id, @Schema(required = true, format = "uuid") String assessmentMessageId, @Schema(required = true) String status,
            @Schema(required = true) int attempts, String errorTag, @Schema(required = true) int evidenceCount, String model, Integer inputTokens,
            Integer outputTokens, Long costMicros, @Schema(required = true, format = "date-time") String createdAt, @Schema(format = "date-time") String completedAt) {
    }
}
