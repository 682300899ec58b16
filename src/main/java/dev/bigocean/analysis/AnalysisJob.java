package dev.bigocean.analysis;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the durable analysis queue: one per user message, written in the message's transaction. */
@Entity
@Table(name = "analysis_job")
public class AnalysisJob {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    public UUID messageId;
    public UUID sessionId;
    @Column(columnDefinition = "text")
    public String status;
    public int attempts;
    public Instant runAfter;
    public UUID lockToken;
    public Instant lockedUntil;
    @Column(columnDefinition = "text")
    public String errorTag;
    @Column(columnDefinition = "text")
    public String errorDetail;
    public int droppedItems;
    public int evidenceCount;
    @Column(columnDefinition = "text")
    public String model;
    public Integer inputTokens;
    public Integer outputTokens;
    public Long costMicros;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant completedAt;
}
