package dev.bigocean.assessment;
import java.time.Instant;
import java.util.UUID;


/** An assessment session: owner (or anonymous), status, message count and last activity. */
public class Assessment {

    static final String ACTIVE = "active";
    public static final String COMPLETED = "completed";
    static final String EXPIRED = "expired";

    public UUID id;
    public UUID userId;
    /** Budget key of the client address that started an anonymous session (a pseudonym, never the address). */
    public String clientKey;
    public String status;
    int messageCount;
    Instant createdAt;
    Instant lastActivityAt;
    Instant completedAt;
    /** The conversation's language, an ISO 639-1 code such as {@code en}, {@code de}, {@code ja}. */
    public String language;

    public boolean isCompleted() {
        return COMPLETED.equals(status);
    }
}
