package dev.bigocean.profile;

import java.time.Instant;
import java.util.UUID;


/** The shareable profile of one assessment session (at most one per session, enforced by a unique constraint). */
public class PublicProfile {

    public UUID id;
    public UUID sessionId;
    public boolean isPublic;
    public long viewCount;
    public Instant createdAt;
    public Instant updatedAt;
}
