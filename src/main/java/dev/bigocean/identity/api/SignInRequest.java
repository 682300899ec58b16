package dev.bigocean.identity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/auth/sign-in/email}; {@code anonymousSessionId} claims that anonymous assessment. */
public record SignInRequest(@Schema(required = true, format = "email") String email, @Schema(required = true) String password,
        @Schema(format = "uuid", description = "An anonymous assessment to claim.") String anonymousSessionId) {
}
