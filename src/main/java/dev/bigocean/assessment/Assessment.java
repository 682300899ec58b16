package dev.bigocean.assessment;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An assessment session: owner (or anonymous), status, message count and last activity. */
@Entity
@Table(name = "assessment_session")
public class Assessment {

    public static final String ACTIVE = "active";
    public static final String COMPLETED = "completed";
    public static final String EXPIRED = "expired";

    @Id
    public UUID id;
    public UUID userId;
    public String status;
    public int messageCount;
    public Instant createdAt;
    public Instant lastActivityAt;
    public Instant completedAt;
    /** The conversation's language, an ISO 639-1 code such as {@code en}, {@code de}, {@code ja}. */
    public String language;

    public boolean isCompleted() {
        return COMPLETED.equals(status);
    }
}
