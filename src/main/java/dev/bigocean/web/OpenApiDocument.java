package dev.bigocean.web;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.bigocean.web.api.ErrorBodies;

/**
 * The parts of the OpenAPI document ({@code /q/openapi}) that no single resource owns: info, tags and one schema per
 * error {@code _tag}. {@link OpenApiFilter} adds the security schemes and shared responses and applies them.
 */
@OpenAPIDefinition(
        info = @Info(title = "Big Ocean API", version = "1.0.0",
                description = "Conversational Big Five personality assessment: start a session, talk with Nerin, read the "
                        + "results and the evidence behind them, share a public profile. Errors are JSON bodies with a `_tag`, "
                        + "a `message` and the `requestId` (also sent as the `X-Request-Id` response header)."),
        tags = {
                @Tag(name = "Health", description = "Service health for load balancers."),
                @Tag(name = "Assessment", description = "Assessment sessions and the conversation with Nerin."),
                @Tag(name = "Profile", description = "Shareable public profiles."),
                @Tag(name = "Evidence", description = "The quotes and facet scores behind the results."),
                @Tag(name = "Auth", description = "Email and password accounts with a session cookie."),
                @Tag(name = "Questionnaire", description = "The IPIP-NEO-120 questionnaire, a baseline next to the conversation."),
                @Tag(name = "Account", description = "Data rights of a signed-in user: export and erase."),
                @Tag(name = "Admin", description = "Operations for trusted internal callers (internal secret).") },
        components = @Components(
                schemas = {
                        @Schema(name = "ValidationError", implementation = ErrorBodies.ValidationError.class),
                        @Schema(name = "Unauthorized", implementation = ErrorBodies.Unauthorized.class),
                        @Schema(name = "InvalidCredentials", implementation = ErrorBodies.InvalidCredentials.class),
                        @Schema(name = "ProfilePrivate", implementation = ErrorBodies.ProfilePrivate.class),
                        @Schema(name = "ForbiddenOrigin", implementation = ErrorBodies.ForbiddenOrigin.class),
                        @Schema(name = "SessionNotFound", implementation = ErrorBodies.SessionNotFound.class),
                        @Schema(name = "ProfileNotFound", implementation = ErrorBodies.ProfileNotFound.class),
                        @Schema(name = "MessageNotFound", implementation = ErrorBodies.MessageNotFound.class),
                        @Schema(name = "NotFound", implementation = ErrorBodies.NotFound.class),
                        @Schema(name = "MethodNotAllowed", implementation = ErrorBodies.MethodNotAllowed.class),
                        @Schema(name = "NotAcceptable", implementation = ErrorBodies.NotAcceptable.class),
                        @Schema(name = "UserAlreadyExists", implementation = ErrorBodies.UserAlreadyExists.class),
                        @Schema(name = "TurnInProgress", implementation = ErrorBodies.TurnInProgress.class),
                        @Schema(name = "SessionCompleted", implementation = ErrorBodies.SessionCompleted.class),
                        @Schema(name = "SessionExpired", implementation = ErrorBodies.SessionExpired.class),
                        @Schema(name = "PayloadTooLarge", implementation = ErrorBodies.PayloadTooLarge.class),
                        @Schema(name = "UnsupportedMediaType", implementation = ErrorBodies.UnsupportedMediaType.class),
                        @Schema(name = "ProfileError", implementation = ErrorBodies.ProfileError.class),
                        @Schema(name = "InvalidFacetNameError", implementation = ErrorBodies.InvalidFacetNameError.class),
                        @Schema(name = "MalformedEvidenceError", implementation = ErrorBodies.MalformedEvidenceError.class),
                        @Schema(name = "RateLimitExceeded", implementation = ErrorBodies.RateLimitExceeded.class),
                        @Schema(name = "DatabaseError", implementation = ErrorBodies.DatabaseError.class),
                        @Schema(name = "InternalError", implementation = ErrorBodies.InternalError.class),
                        @Schema(name = "AnalyzerError", implementation = ErrorBodies.AnalyzerError.class),
                        @Schema(name = "CostLimitExceeded", implementation = ErrorBodies.CostLimitExceeded.class),
                        @Schema(name = "AgentInvocationError", implementation = ErrorBodies.AgentInvocationError.class) }))
public final class OpenApiDocument {

    private OpenApiDocument() {
    }
}
