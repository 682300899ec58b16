package dev.bigocean.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling, resolved once per request before any resource runs by {@link IdentityFilter} (session cookie, OIDC
 * bearer token, or a trusted internal {@code x-user-id}). Empty for anonymous callers.
 */
@RequestScoped
public class CurrentUser {

    private UUID id;
    private String via = "anonymous";
    private boolean trustedInternal;
    private Instant authenticatedAt;

    public Optional<UUID> id() {
        return Optional.ofNullable(id);
    }

    boolean authenticated() {
        return id != null;
    }

    /** How the caller was identified: {@code cookie}, {@code oidc}, {@code internal} or {@code anonymous}. */
    String via() {
        return via;
    }

    /** Whether the request carries the configured internal secret ({@code x-internal-secret}). */
    public boolean trustedInternal() {
        return trustedInternal;
    }

    void authenticate(UUID userId, String via) {
        this.id = userId;
        this.via = via;
    }

    /**
     * When the caller last proved who they are: the creation of the cookie's sign-in session, or the bearer token's
     * {@code iat}; empty when unknown (internal callers).
     */
    Optional<Instant> authenticatedAt() {
        return Optional.ofNullable(authenticatedAt);
    }

    void authenticatedAt(Instant at) {
        this.authenticatedAt = at;
    }

    void trustInternal() {
        this.trustedInternal = true;
    }
}
