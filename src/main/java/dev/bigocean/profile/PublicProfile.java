package dev.bigocean.profile;

import java.time.Instant;
import java.util.UUID;


/** The shareable profile of one assessment session (at most one per session, enforced by a unique constraint). */
class PublicProfile {

    UUID id;
    UUID sessionId;
    boolean isPublic;
    long viewCount;
    Instant createdAt;
    Instant updatedAt;
}
