package dev.bigocean.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.assessment.ScoringService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The queue side of {@code analysis_job}, in plain SQL on the reactive pool. A worker claims a job with a lease
 * ({@code FOR UPDATE SKIP LOCKED}, a fresh {@code lock_token}); every later write about that job is fenced on the token,
 * so a worker whose lease was taken over (killed, paused, restarted, slower than its lease) can no longer change it.
 */
@ApplicationScoped
class AnalysisJobRepository {

    /** A job this worker holds until {@code lockedUntil}; {@code attempts} includes this one. */
    record Claim(UUID jobId, UUID messageId, UUID sessionId, int attempts, UUID lockToken) {
    }

    /**
     * What the analyzer reads: the user message and the Nerin question it answers (null when there was none); the
     * session's owner (null when anonymous) is whose budget pays for the call.
     */
    record Input(String message, String question, Instant messageCreatedAt, UUID ownerId, String clientKey, String language) {
    }

    /** The model that answered, the tokens it reported (nulls when unknown) and their cost in micro-USD. */
    record Usage(String model, Integer inputTokens, Integer outputTokens, Long costMicros) {
        static final Usage NONE = new Usage(null, null, null, null);

        Usage withCost(Long micros) {
            return new Usage(model, inputTokens, outputTokens, micros);
        }
    }

    /** The status of a job that used its attempts. */
    static final String FAILED = "failed";

    private final Pool pool;
    private final ScoringService scoring;

    AnalysisJobRepository(Pool pool, ScoringService scoring) {
        this.pool = pool;
        this.scoring = scoring;
    }

    /** The next ready job (pending and due, or running with an expired lease), or null when there is none. */
    Uni<Claim> claim(Duration lease, int maxAttempts) {
        return pool.preparedQuery("""
                UPDATE analysis_job
                   SET status = 'running', lock_token = $1, locked_until = now() + make_interval(secs => $2),
                       attempts = attempts + 1, updated_at = now()
                 WHERE id = (SELECT id FROM analysis_job
                              WHERE ((status = 'pending' AND run_after <= now())
                                     OR (status = 'running' AND locked_until < now()))
                                AND attempts < $3
                              ORDER BY run_after, created_at
                              LIMIT 1
                              FOR UPDATE SKIP LOCKED)
                RETURNING id, message_id, session_id, attempts, lock_token""")
                .execute(Tuple.of(UUID.randomUUID(), seconds(lease), maxAttempts))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Claim(row.getUUID("id"), row.getUUID("message_id"), row.getUUID("session_id"),
                            row.getInteger("attempts"), row.getUUID("lock_token"));
                });
    }

    /** The message to analyse and the latest assistant message before it; null if the message is gone. */
    Uni<Input> input(UUID messageId) {
        return pool.preparedQuery("""
                SELECT m.content, m.created_at, s.user_id, s.client_key, s.language,
                       (SELECT q.content FROM assessment_message q
                         WHERE q.session_id = m.session_id AND q.role = 'assistant' AND q.seq < m.seq
                         ORDER BY q.seq DESC LIMIT 1) AS question
                  FROM assessment_message m JOIN assessment_session s ON s.id = m.session_id
                 WHERE m.id = $1""")
                .execute(Tuple.of(messageId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Input(row.getString("content"), row.getString("question"),
                            row.getOffsetDateTime("created_at").toInstant(), row.getUUID("user_id"),
                            row.getString("client_key"), row.getString("language"));
                });
    }

    /** Stores the evidence and marks the job done in one transaction; false (and nothing written) if the lease was lost. */
    Uni<Boolean> complete(Claim claim, List<EvidenceValidator.Valid> evidence, int dropped, Usage usage) {
        return pool.withTransaction(tx -> complete(tx, claim, evidence, dropped, usage));
    }

    /**
     * The completion statements on a caller's transaction: the fenced update first (it also row-locks the job, so two
     * completions cannot interleave), then, only if the update matched, the evidence rows and the session's score sheet,
     * or with no evidence the sheet's record of whether the analyses ran offline.
     */
    Uni<Boolean> complete(SqlConnection tx, Claim claim, List<EvidenceValidator.Valid> evidence, int dropped, Usage usage) {
        Tuple done = Tuple.tuple()
                .addValue(claim.jobId()).addValue(claim.lockToken()).addValue(evidence.size()).addValue(dropped)
                .addValue(usage.model()).addValue(usage.inputTokens()).addValue(usage.outputTokens())
                .addValue(usage.costMicros());
        return tx.preparedQuery("""
                UPDATE analysis_job
                   SET status = 'done', lock_token = NULL, locked_until = NULL, error_tag = NULL, error_detail = NULL,
                       evidence_count = $3, dropped_items = $4, model = coalesce($5, model),
                       input_tokens = coalesce(input_tokens, 0) + coalesce($6, 0),
                       output_tokens = coalesce(output_tokens, 0) + coalesce($7, 0),
                       cost_micros = coalesce(cost_micros, 0) + coalesce($8, 0),
                       updated_at = now(), completed_at = clock_timestamp()
                 WHERE id = $1 AND lock_token = $2 AND status = 'running'""")
                .execute(done)
                .flatMap(updated -> {
                    if (updated.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    if (evidence.isEmpty()) {
                        return scoring.analysed(tx, claim.sessionId()).replaceWith(true);
                    }
                    List<Tuple> rows = new ArrayList<>(evidence.size());
                    for (EvidenceValidator.Valid e : evidence) {
                        rows.add(Tuple.tuple().addValue(UUID.randomUUID()).addValue(claim.sessionId())
                                .addValue(claim.messageId()).addValue(e.facet().apiName()).addValue((short) e.score())
                                .addValue((short) e.confidence()).addValue(e.quote()).addValue(e.start()).addValue(e.end()));
                    }
                    return scoring.lock(tx, claim.sessionId()).flatMap(locked -> tx.preparedQuery("""
                            INSERT INTO facet_evidence
                                (id, session_id, message_id, facet, score, confidence, quote, highlight_start, highlight_end)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                            .executeBatch(rows))
                            .flatMap(inserted -> scoring.refresh(tx, claim.sessionId()))
                            .replaceWith(true);
                });
    }

    /**
     * Records a failed attempt: back to {@code pending} after {@code backoff}, or {@code failed} once the job used its
     * attempts. Returns the new status, or null if the lease was lost (someone else owns the job now).
     */
    Uni<String> fail(Claim claim, String errorTag, String detail, Usage usage, int maxAttempts, Duration backoff) {
        Tuple failure = Tuple.tuple()
                .addValue(claim.jobId()).addValue(claim.lockToken()).addValue(maxAttempts).addValue(seconds(backoff))
                .addValue(errorTag).addValue(detail).addValue(usage.model()).addValue(usage.inputTokens())
                .addValue(usage.outputTokens()).addValue(usage.costMicros());
        return pool.preparedQuery("""
                UPDATE analysis_job
                   SET status = CASE WHEN attempts >= $3 THEN 'failed' ELSE 'pending' END,
                       run_after = now() + make_interval(secs => $4),
                       lock_token = NULL, locked_until = NULL, error_tag = $5, error_detail = $6,
                       model = coalesce($7, model),
                       input_tokens = CASE WHEN $8::int IS NULL THEN input_tokens ELSE coalesce(input_tokens, 0) + $8 END,
                       output_tokens = CASE WHEN $9::int IS NULL THEN output_tokens ELSE coalesce(output_tokens, 0) + $9 END,
                       cost_micros = CASE WHEN $10::bigint IS NULL THEN cost_micros ELSE coalesce(cost_micros, 0) + $10 END,
                       updated_at = now(),
                       completed_at = CASE WHEN attempts >= $3 THEN clock_timestamp() END
                 WHERE id = $1 AND lock_token = $2 AND status = 'running'
                RETURNING status""")
                .execute(failure)
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("status"));
    }

    /** Extends the lease of a job still being analysed; false if it is no longer ours. */
    Uni<Boolean> renew(Claim claim, Duration lease) {
        return pool.preparedQuery("""
                UPDATE analysis_job SET locked_until = now() + make_interval(secs => $3), updated_at = now()
                 WHERE id = $1 AND lock_token = $2 AND status = 'running'""")
                .execute(Tuple.of(claim.jobId(), claim.lockToken(), seconds(lease)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Hands a claimed job back at once (shutdown), without counting the attempt. */
    Uni<Boolean> release(Claim claim) {
        return pool.preparedQuery("""
                UPDATE analysis_job
                   SET status = 'pending', lock_token = NULL, locked_until = NULL, run_after = now(),
                       attempts = greatest(attempts - 1, 0), updated_at = now()
                 WHERE id = $1 AND lock_token = $2 AND status = 'running'""")
                .execute(Tuple.of(claim.jobId(), claim.lockToken()))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Hands a claimed job back until {@code runAfter} without counting the attempt, noting why (the daily cost budget
     * refused the call: the job waits for the next UTC day instead of spending past the limit).
     */
    Uni<Boolean> defer(Claim claim, Instant runAfter, String errorTag, String detail) {
        return pool.preparedQuery("""
                UPDATE analysis_job
                   SET status = 'pending', lock_token = NULL, locked_until = NULL, run_after = $3,
                       attempts = greatest(attempts - 1, 0), error_tag = $4, error_detail = $5, updated_at = now()
                 WHERE id = $1 AND lock_token = $2 AND status = 'running'""")
                .execute(Tuple.of(claim.jobId(), claim.lockToken(), runAfter.atOffset(java.time.ZoneOffset.UTC), errorTag, detail))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Jobs whose lease expired on their last allowed attempt (the worker died every time) become {@code failed}. */
    Uni<List<UUID>> failAbandoned(int maxAttempts) {
        return pool.preparedQuery("""
                UPDATE analysis_job
                   SET status = 'failed', error_tag = 'AnalyzerError',
                       error_detail = 'The lease of the last attempt expired: the worker stopped or the call outlived the lease',
                       lock_token = NULL, locked_until = NULL, updated_at = now(), completed_at = clock_timestamp()
                 WHERE status = 'running' AND locked_until < now() AND attempts >= $1
                RETURNING id""")
                .execute(Tuple.of(maxAttempts))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return ids;
                });
    }

    /** Puts failed jobs (of one session, or all) back in the queue with fresh attempts; NOTIFYs every instance. */
    Uni<Integer> requeueFailed(UUID sessionId) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE analysis_job
                   SET status = 'pending', attempts = 0, run_after = now(), completed_at = NULL, updated_at = now()
                 WHERE status = 'failed' AND ($1::uuid IS NULL OR session_id = $1)""")
                .execute(Tuple.tuple().addValue(sessionId))
                .flatMap(rows -> notify(tx, "requeued").replaceWith(rows.rowCount())));
    }

    private static Uni<Void> notify(SqlClient client, String payload) {
        return client.preparedQuery("SELECT pg_notify('analysis_jobs', $1)").execute(Tuple.of(payload)).replaceWithVoid();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1_000_000_000.0;
    }
}
