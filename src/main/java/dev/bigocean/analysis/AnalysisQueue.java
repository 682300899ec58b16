package dev.bigocean.analysis;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox side of the analysis queue. {@link #enqueue} runs on the connection (and so inside the transaction) that
 * stores the user message, so no message is ever stored without its job; an insert trigger NOTIFYs the workers.
 */
@ApplicationScoped
public class AnalysisQueue {

    public Uni<UUID> enqueue(SqlConnection transaction, UUID messageId, UUID sessionId) {
        UUID jobId = UUID.randomUUID();
        return transaction.preparedQuery("""
                INSERT INTO analysis_job (id, message_id, session_id, status, run_after, created_at, updated_at)
                VALUES ($1, $2, $3, 'pending', now(), now(), now())""")
                .execute(Tuple.of(jobId, messageId, sessionId))
                .replaceWith(jobId);
    }
}
