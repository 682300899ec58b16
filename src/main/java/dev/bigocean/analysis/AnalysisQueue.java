package dev.bigocean.analysis;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.assessment.Message;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The outbox side of the analysis queue. {@link #enqueue} must run inside the transaction that stores the user message,
 * so no message is ever stored without its job; an insert trigger NOTIFYs the workers.
 */
@ApplicationScoped
public class AnalysisQueue {

    public Uni<AnalysisJob> enqueue(Message userMessage) {
        AnalysisJob job = new AnalysisJob();
        job.id = UUID.randomUUID();
        job.messageId = userMessage.id;
        job.sessionId = userMessage.sessionId;
        job.status = AnalysisJob.PENDING;
        job.createdAt = Instant.now();
        job.updatedAt = job.createdAt;
        job.runAfter = job.createdAt;
        return Panache.getSession().flatMap(session -> session.persist(job)).replaceWith(job);
    }
}
