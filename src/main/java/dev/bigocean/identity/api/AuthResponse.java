package dev.bigocean.identity.api;

/** {@code {user, session}} as sign-up, sign-in and get-session answer. */
public record AuthResponse(UserView user, SessionView session) {

    public record UserView(String id, String email, String name) {
    }

    public record SessionView(String id, String expiresAt) {
    }
}
