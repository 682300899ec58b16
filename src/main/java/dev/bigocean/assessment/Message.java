package dev.bigocean.assessment;
import java.time.Instant;
import java.util.UUID;


/** One stored conversation message, with the token usage of the model call that produced it (assistant messages). */
public class Message {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public UUID id;
    public UUID sessionId;
    public int seq;
    public String role;
    public String content;
    UUID replyTo;
    String idempotencyKey;
    String model;
    Integer inputTokens;
    Integer outputTokens;
    Long costMicros;
    String focus;
    public Instant createdAt;

    public boolean isUser() {
        return USER.equals(role);
    }
}
