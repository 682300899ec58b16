package dev.bigocean.privacy.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.bigocean.assessment.api.ResultsResponse;

/**
 * Body of {@code GET /api/account/export}: every piece of data the service holds about the caller. Timestamps are ISO
 * 8601 UTC; costs are micro-USD as stored. Token hashes of sign-in sessions are never exported.
 */
public record AccountExport(String exportedAt, Account account, List<SignInSession> signInSessions,
        List<Assessment> assessments) {

    public record Account(String id, String email, String name, boolean hasPassword, String oidcIssuer, String oidcSubject,
            String createdAt, String updatedAt) {
    }

    public record SignInSession(String id, String createdAt, String expiresAt, String refreshedAt, String ipAddress,
            String userAgent, boolean current) {
    }

    /** {@code startedFromClient}: the pseudonymous budget key of the address an anonymous start came from, if any. */
    public record Assessment(String sessionId, String status, int messageCount, String createdAt, String lastActivityAt,
            String completedAt, String startedFromClient, List<Message> messages, List<Evidence> evidence, ResultsResponse results, Profile profile,
            List<AnalysisJob> analysisJobs) {
    }

    public record Message(String id, String role, String content, String timestamp, String model, Integer inputTokens,
            Integer outputTokens, Long costMicros) {
    }

    public record Evidence(String id, String assessmentMessageId, String facetName, int score, int confidence, String quote,
            HighlightRange highlightRange, String createdAt) {
    }

    public record HighlightRange(int start, int end) {
    }

    public record Profile(String publicProfileId, String shareableUrl, @JsonProperty("isPublic") boolean isPublic,
            long viewCount, String createdAt, String updatedAt) {
    }

    public record AnalysisJob(String id, String assessmentMessageId, String status, int attempts, String errorTag,
            int evidenceCount, String model, Integer inputTokens, Integer outputTokens, Long costMicros, String createdAt,
            String completedAt) {
    }
}
