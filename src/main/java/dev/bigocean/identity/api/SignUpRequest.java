package dev.bigocean.identity.api;

/** Body of {@code POST /api/auth/sign-up/email}; {@code anonymousSessionId} claims that anonymous assessment. */
public record SignUpRequest(String email, String password, String name, String anonymousSessionId) {
}
