package dev.bigocean.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account: email and password (sign-up), or an OIDC identity keyed by issuer and subject. */
@Entity
@Table(name = "app_user")
public class User {

    @Id
    public UUID id;
    public String email;
    public String name;
    public String passwordHash;
    public String oidcIssuer;
    public String oidcSubject;
    public Instant createdAt;
    public Instant updatedAt;
}
