package dev.bigocean.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/** The sign-in session behind this request's cookie, if the cookie named a valid one. */
@RequestScoped
class CookieSession {

    private UUID id;
    private Instant expiresAt;
    private String token;
    private boolean reissue;

    void set(UUID id, Instant expiresAt, String token, boolean refreshed) {
        this.id = id;
        this.expiresAt = expiresAt;
        this.token = token;
        this.reissue = refreshed;
    }

    boolean present() {
        return id != null;
    }

    UUID id() {
        return id;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    String token() {
        return token;
    }

    /** Whether the response should carry the cookie again with its extended lifetime. */
    boolean reissue() {
        return reissue;
    }

    /** The response sets (or clears) the cookie itself. */
    void handled() {
        reissue = false;
    }
}
