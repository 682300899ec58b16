package dev.bigocean.web.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The error bodies of the HTTP contract, one schema per {@code _tag}, for the OpenAPI document only: the bodies
 * themselves are built by {@code ErrorMapper} from {@code ApiException}. Every body has {@code _tag}, {@code message}
 * and {@code requestId} (the request's {@code X-Request-Id}); the fields in between are the tag's own.
 */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /** Every tag, in status order (used by tests that compare the document with the contract). */
    public static final String[] TAGS = {
            "ValidationError", "Unauthorized", "InvalidCredentials", "ProfilePrivate", "ForbiddenOrigin",
            "SessionNotFound", "ProfileNotFound", "MessageNotFound", "NotFound", "MethodNotAllowed", "NotAcceptable", "UserAlreadyExists", "TurnInProgress",
            "SessionCompleted", "SessionExpired", "PayloadTooLarge", "UnsupportedMediaType", "ProfileError", "InvalidFacetNameError",
            "MalformedEvidenceError", "RateLimitExceeded", "DatabaseError", "InternalError", "AnalyzerError",
            "CostLimitExceeded", "AgentInvocationError" };

    @Schema(name = "ValidationError", description = "400. A request parameter, header or body field is missing or malformed; `field` names it.")
    public record ValidationError(@Schema(required = true, enumeration = "ValidationError") String _tag,
            @Schema(required = true, description = "The parameter, header or body field at fault (dotted path for nested fields, `body` for the whole body).") String field,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "Unauthorized", description = "401. Authentication is required, or the caller may not do this.")
    public record Unauthorized(@Schema(required = true, enumeration = "Unauthorized") String _tag,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "InvalidCredentials", description = "401. Email or password is wrong.")
    public record InvalidCredentials(@Schema(required = true, enumeration = "InvalidCredentials") String _tag,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "ProfilePrivate", description = "403. The profile exists but is private.")
    public record ProfilePrivate(@Schema(required = true, enumeration = "ProfilePrivate") String _tag,
            @Schema(required = true, format = "uuid") String publicProfileId,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "ForbiddenOrigin", description = "403. The request came with an `Origin` that is neither the frontend's "
            + "nor the service's own (a browser page on another site); nothing ran.")
    public record ForbiddenOrigin(@Schema(required = true, enumeration = "ForbiddenOrigin") String _tag,
            @Schema(required = true, description = "The Origin header as sent.") String origin,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "SessionNotFound", description = "404. No assessment session with this id is visible to the caller.")
    public record SessionNotFound(@Schema(required = true, enumeration = "SessionNotFound") String _tag,
            @Schema(required = true, description = "The id as sent.") String sessionId,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "ProfileNotFound", description = "404. No public profile with this id.")
    public record ProfileNotFound(@Schema(required = true, enumeration = "ProfileNotFound") String _tag,
            @Schema(required = true, description = "The id as sent.") String publicProfileId,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "MessageNotFound", description = "404. No message with this id is visible to the caller (unknown, erased, or of a session owned by someone else).")
    public record MessageNotFound(@Schema(required = true, enumeration = "MessageNotFound") String _tag,
            @Schema(required = true, description = "The id as sent.") String assessmentMessageId,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "NotFound", description = "404. No endpoint at this path.")
    public record NotFound(@Schema(required = true, enumeration = "NotFound") String _tag,
            @Schema(required = true) String path,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "MethodNotAllowed", description = "405. The endpoint does not accept this HTTP method.")
    public record MethodNotAllowed(@Schema(required = true, enumeration = "MethodNotAllowed") String _tag,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "NotAcceptable", description = "406. The endpoint cannot answer the media type in `Accept`.")
    public record NotAcceptable(@Schema(required = true, enumeration = "NotAcceptable") String _tag,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "UserAlreadyExists", description = "409. An account with this email already exists.")
    public record UserAlreadyExists(@Schema(required = true, enumeration = "UserAlreadyExists") String _tag,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "TurnInProgress", description = "409. Another message of the same session is still being answered.")
    public record TurnInProgress(@Schema(required = true, enumeration = "TurnInProgress") String _tag,
            @Schema(required = true, format = "uuid") String sessionId,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "SessionCompleted", description = "409. The assessment is complete; no more messages are accepted.")
    public record SessionCompleted(@Schema(required = true, enumeration = "SessionCompleted") String _tag,
            @Schema(required = true, format = "uuid") String sessionId,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "SessionExpired", description = "410. The active session was idle too long.")
    public record SessionExpired(@Schema(required = true, enumeration = "SessionExpired") String _tag,
            @Schema(required = true, format = "uuid") String sessionId,
            @Schema(required = true, format = "date-time") String expiredAt,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "PayloadTooLarge", description = "413. The request body is larger than the service accepts (MAX_BODY_SIZE).")
    public record PayloadTooLarge(@Schema(required = true, enumeration = "PayloadTooLarge") String _tag,
            @Schema(required = true, format = "int64", description = "The largest accepted body, in bytes.") long maxBytes,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "UnsupportedMediaType", description = "415. The request body's media type is not accepted.")
    public record UnsupportedMediaType(@Schema(required = true, enumeration = "UnsupportedMediaType") String _tag,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "ProfileError", description = "422. A profile cannot be shared, e.g. the assessment's confidence is too low.")
    public record ProfileError(@Schema(required = true, enumeration = "ProfileError") String _tag,
            @Schema(nullable = true, description = "The session's overall confidence (0-100), when that is the reason.") Integer overallConfidence,
            @Schema(nullable = true, description = "The confidence needed to share (0-100), when that is the reason.") Integer requiredConfidence,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "InvalidFacetNameError", description = "422. The facet name is not one of the 30 Big Five facets.")
    public record InvalidFacetNameError(@Schema(required = true, enumeration = "InvalidFacetNameError") String _tag,
            @Schema(required = true) String facetName,
            @Schema(required = true, description = "The 30 facet names.") java.util.List<String> validFacets,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "MalformedEvidenceError", description = "422. The analyzer's output could not be parsed or validated. Recorded on analysis jobs; no endpoint answers it.")
    public record MalformedEvidenceError(@Schema(required = true, enumeration = "MalformedEvidenceError") String _tag,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "RateLimitExceeded", description = "429. Too many requests, or the daily assessment start limit of a signed-in user. `Retry-After` gives the seconds to wait.")
    public record RateLimitExceeded(@Schema(required = true, enumeration = "RateLimitExceeded") String _tag,
            @Schema(nullable = true, format = "uuid", description = "The limited user; absent or null for an anonymous caller (limited per client address).") String userId,
            @Schema(required = true, format = "date-time", description = "When the limit resets.") String resetAt,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "DatabaseError", description = "500. A database operation failed; 503 when every pooled connection "
            + "stayed busy or the database did not answer in time (retry shortly).")
    public record DatabaseError(@Schema(required = true, enumeration = "DatabaseError") String _tag,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "InternalError", description = "500. An unexpected error; never carries internals.")
    public record InternalError(@Schema(required = true, enumeration = "InternalError") String _tag,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "AnalyzerError", description = "500. The personality analysis of a message failed. Recorded on analysis jobs; no endpoint answers it.")
    public record AnalyzerError(@Schema(required = true, enumeration = "AnalyzerError") String _tag,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "CostLimitExceeded", description = "503. The daily cost budget of this user (anonymous: this session) is spent.")
    public record CostLimitExceeded(@Schema(required = true, enumeration = "CostLimitExceeded") String _tag,
            @Schema(required = true, description = "Spent today, US cents.") Long dailySpend,
            @Schema(required = true, description = "The daily limit, US cents.") Long limit,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }

    @Schema(name = "AgentInvocationError", description = "503. The interviewer model failed to answer; the user's message is saved, retry it.")
    public record AgentInvocationError(@Schema(required = true, enumeration = "AgentInvocationError") String _tag,
            @Schema(required = true) String agentName,
            @Schema(required = true, format = "uuid") String sessionId,
            @Schema(required = true, description = "A sentence for people.") String message,
            @Schema(required = true, description = "The request id (also in the X-Request-Id response header).") String requestId) {
    }
}
