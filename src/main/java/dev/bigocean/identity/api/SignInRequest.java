package dev.bigocean.identity.api;

/** Body of {@code POST /api/auth/sign-in/email}; {@code anonymousSessionId} claims that anonymous assessment. */
public record SignInRequest(String email, String password, String anonymousSessionId) {
}
