package dev.bigocean.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /** The account with this (already lower-cased) email, or null. Served by the unique index on lower(email). */
    Uni<User> findByEmail(String email) {
        return find("lower(email) = ?1", email).firstResult();
    }

    /**
     * The user of an OIDC identity, created on first use. Concurrent first requests with the same token race on the
     * unique (issuer, subject) index; the loser's insert does nothing and both read the same row.
     */
    Uni<User> findOrCreateOidc(String issuer, String subject, String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO app_user (id, email, name, password_hash, oidc_issuer, oidc_subject, created_at, updated_at)
                VALUES (?1, NULL, ?2, NULL, ?3, ?4, ?5, ?5)
                ON CONFLICT (oidc_issuer, oidc_subject) WHERE oidc_issuer IS NOT NULL DO NOTHING""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, name == null ? "" : name)
                .setParameter(3, issuer)
                .setParameter(4, subject)
                .setParameter(5, now)
                .executeUpdate())
                .flatMap(inserted -> find("oidcIssuer = ?1 and oidcSubject = ?2", issuer, subject).firstResult());
    }
}
