package dev.bigocean.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class AuthSessionRepository implements PanacheRepositoryBase<AuthSession, UUID> {

    /** The unexpired session whose token hashes to {@code tokenHash}, or null. */
    Uni<AuthSession> findActive(String tokenHash, Instant now) {
        return find("tokenHash = ?1 and expiresAt > ?2", tokenHash, now).firstResult();
    }

    /**
     * Extends a session's lifetime unless another request already did so since {@code refreshedBefore}: only one of
     * several concurrent requests refreshes it.
     */
    Uni<Integer> refresh(UUID id, Instant now, Instant expiresAt, Instant refreshedBefore) {
        return update("expiresAt = ?1, refreshedAt = ?2 where id = ?3 and refreshedAt < ?4", expiresAt, now, id,
                refreshedBefore);
    }
}
