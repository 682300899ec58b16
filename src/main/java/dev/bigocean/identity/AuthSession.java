package dev.bigocean.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A sign-in session. Only the SHA-256 of its cookie token is stored. */
@Entity
@Table(name = "auth_session")
public class AuthSession {

    @Id
    public UUID id;
    public UUID userId;
    @Column(columnDefinition = "text")
    public String tokenHash;
    public Instant expiresAt;
    public Instant refreshedAt;
    public Instant createdAt;
    @Column(columnDefinition = "text")
    public String ipAddress;
    @Column(columnDefinition = "text")
    public String userAgent;
}
