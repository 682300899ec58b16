package dev.bigocean.profile;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The shareable profile of one assessment session (at most one per session, enforced by a unique constraint). */
@Entity
@Table(name = "public_profile")
public class PublicProfile {

    @Id
    public UUID id;
    public UUID sessionId;
    public boolean isPublic;
    public long viewCount;
    public Instant createdAt;
    public Instant updatedAt;
}
