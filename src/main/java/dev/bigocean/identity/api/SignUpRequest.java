package dev.bigocean.identity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/auth/sign-up/email}; {@code anonymousSessionId} claims that anonymous assessment. */
public record SignUpRequest(@Schema(required = true, format = "email") String email,
        @Schema(required = true, minLength = 12, description = "12 or more characters, not a weak or breached password.")
        String password,
        @Schema(required = true) String name,
        @Schema(format = "uuid", description = "An anonymous assessment to claim.") String anonymousSessionId) {
}
