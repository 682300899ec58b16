package dev.bigocean.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain error with the reference's {@code _tag}, HTTP status and extra fields. Services throw these; only
 * {@link ErrorMapper} turns them into response bodies. The factories below are the complete list of tags.
 */
public final class ApiException extends RuntimeException {

    static final String RETRY_AFTER = "Retry-After";
    /** {@code Retry-After} of a 503 the database caused (a busy pool, no answer in time): a moment. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 2;
    /** {@code Retry-After} of a 503 the interviewer's model caused (the message is kept for the retry). */
    static final int MODEL_RETRY_AFTER_SECONDS = 5;

    private final String tag;
    private final int status;
    private final Map<String, Object> fields;
    private final Map<String, String> headers;

    private ApiException(String tag, int status, String message, Map<String, Object> fields, Map<String, String> headers) {
        super(message, null, false, false);
        this.tag = tag;
        this.status = status;
        this.fields = Collections.unmodifiableMap(fields);
        this.headers = Collections.unmodifiableMap(headers);
    }

    private static ApiException of(String tag, int status, String message, Object... keyValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new ApiException(tag, status, message, fields, Map.of());
    }

    public String tag() {
        return tag;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    Map<String, String> headers() {
        return headers;
    }

    ApiException withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiException(tag, status, getMessage(), fields, h);
    }

    public static ApiException validation(String field, String message) {
        return of("ValidationError", 400, message, "field", field);
    }

    public static ApiException sessionNotFound(String sessionId) {
        return of("SessionNotFound", 404, "Session not found", "sessionId", sessionId);
    }

    public static ApiException messageNotFound(String assessmentMessageId) {
        return of("MessageNotFound", 404, "Message not found", "assessmentMessageId", assessmentMessageId);
    }

    public static ApiException sessionExpired(String sessionId, Instant expiredAt) {
        return of("SessionExpired", 410, "Session has expired", "sessionId", sessionId, "expiredAt", expiredAt.toString());
    }

    public static ApiException sessionCompleted(String sessionId) {
        return of("SessionCompleted", 409, "This assessment is complete; its results are ready", "sessionId", sessionId);
    }

    public static ApiException turnInProgress(String sessionId) {
        return of("TurnInProgress", 409, "Another message is still being answered in this session; retry when it is done",
                "sessionId", sessionId);
    }

    public static ApiException database() {
        return of("DatabaseError", 500, "A database operation failed");
    }

    /** Every pooled database connection stayed busy past the acquisition timeout: retry shortly. */
    static ApiException databaseBusy() {
        return of("DatabaseError", 503, "The database is busy; try again shortly")
                .withHeader(RETRY_AFTER, String.valueOf(DATABASE_RETRY_AFTER_SECONDS));
    }

    /** PostgreSQL did not answer within {@code bigocean.db.timeout}: retry shortly. */
    static ApiException databaseNotAnswering() {
        return of("DatabaseError", 503, "The database did not answer in time; try again shortly")
                .withHeader(RETRY_AFTER, String.valueOf(DATABASE_RETRY_AFTER_SECONDS));
    }

    static ApiException internal() {
        return of("InternalError", 500, "An unexpected error occurred");
    }

    static ApiException rateLimitExceeded(String userId, Instant resetAt, long retryAfterSeconds) {
        return rateLimitExceeded(userId, resetAt, retryAfterSeconds, "Rate limit exceeded");
    }

    /** {@code userId} is null for an anonymous caller (limited per client IP). */
    public static ApiException rateLimitExceeded(String userId, Instant resetAt, long retryAfterSeconds, String message) {
        return of("RateLimitExceeded", 429, message, "userId", userId, "resetAt", resetAt.toString())
                .withHeader(RETRY_AFTER, String.valueOf(Math.max(1, retryAfterSeconds)));
    }

    /** {@code Retry-After} is the time until the budget starts again ({@code resetAt}). */
    public static ApiException costLimitExceeded(long dailySpendCents, long limitCents, String message, Instant resetAt) {
        return of("CostLimitExceeded", 503, message, "dailySpend", dailySpendCents, "limit", limitCents)
                .withHeader(RETRY_AFTER, String.valueOf(Math.max(1, Duration.between(Instant.now(), resetAt).toSeconds())));
    }

    public static ApiException profileNotFound(String publicProfileId) {
        return of("ProfileNotFound", 404, "Profile not found", "publicProfileId", publicProfileId);
    }

    static ApiException confidenceTooLow(int overallConfidence, int requiredConfidence) {
        return confidenceTooLow(overallConfidence, requiredConfidence, "Keep talking with Nerin to raise it.");
    }

    /** The same error with the advice that fits the session (e.g. a completed one cannot take more answers). */
    public static ApiException confidenceTooLow(int overallConfidence, int requiredConfidence, String advice) {
        return of("ProfileError", 422, "Your assessment confidence is " + overallConfidence + "%; a shareable profile needs at least "
                + requiredConfidence + "%. " + advice, "overallConfidence", overallConfidence,
                "requiredConfidence", requiredConfidence);
    }

    public static ApiException profilePrivate(String publicProfileId) {
        return of("ProfilePrivate", 403, "This profile is private", "publicProfileId", publicProfileId);
    }

    public static ApiException invalidCredentials() {
        return of("InvalidCredentials", 401, "Invalid email or password");
    }

    public static ApiException userAlreadyExists() {
        return of("UserAlreadyExists", 409, "An account with this email already exists");
    }

    public static ApiException unauthorized(String message) {
        return of("Unauthorized", 401, message);
    }

    public static ApiException agentInvocation(String agentName, String sessionId) {
        return of("AgentInvocationError", 503, "The interviewer could not answer right now; your message is saved, please retry",
                "agentName", agentName, "sessionId", sessionId)
                .withHeader(RETRY_AFTER, String.valueOf(MODEL_RETRY_AFTER_SECONDS));
    }

    public static ApiException invalidFacetName(String facetName, List<String> validFacets) {
        return of("InvalidFacetNameError", 422, "Unknown facet name", "facetName", facetName, "validFacets", validFacets);
    }

    static ApiException forbiddenOrigin(String origin, boolean changes) {
        return of("ForbiddenOrigin", 403, changes ? "Cross-site requests may not change anything here"
                : "This origin may not read from this service; only the frontend's may", "origin", origin);
    }

    static ApiException notFound(String path) {
        return of("NotFound", 404, "No such endpoint", "path", path);
    }

    static ApiException methodNotAllowed() {
        return of("MethodNotAllowed", 405, "Method not allowed on this endpoint");
    }

    static ApiException payloadTooLarge(long maxBytes) {
        return of("PayloadTooLarge", 413, "The request body is larger than " + maxBytes + " bytes", "maxBytes", maxBytes);
    }

    static ApiException unsupportedMediaType() {
        return of("UnsupportedMediaType", 415, "Send the request body as application/json");
    }

    static ApiException notAcceptable() {
        return of("NotAcceptable", 406, "This endpoint answers application/json (or text/event-stream where documented)");
    }
}
