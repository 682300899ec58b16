package dev.bigocean.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account: email and password (sign-up), or an OIDC identity keyed by issuer and subject. */
@Entity
@Table(name = "app_user")
public class User {

    @Id
    public UUID id;
    @Column(columnDefinition = "text")
    public String email;
    @Column(columnDefinition = "text")
    public String name;
    @Column(columnDefinition = "text")
    public String passwordHash;
    @Column(columnDefinition = "text")
    public String oidcIssuer;
    @Column(columnDefinition = "text")
    public String oidcSubject;
    public Instant createdAt;
    public Instant updatedAt;
}
