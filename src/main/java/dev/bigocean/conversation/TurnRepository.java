package dev.bigocean.conversation;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.analysis.AnalysisQueue;
import dev.bigocean.assessment.Message;
import dev.bigocean.scoring.Facet;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The write path of a turn, in plain SQL on the reactive pool (it runs before and after a model call, on whatever
 * thread the model answered on). Every statement that changes a session checks the turn lock it holds.
 */
@ApplicationScoped
class TurnRepository {

    private final Pool pool;
    private final AnalysisQueue queue;

    TurnRepository(Pool pool, AnalysisQueue queue) {
        this.pool = pool;
        this.queue = queue;
    }

    /** A stored reply to the user message sent with this idempotency key (within the window), if any. */
    record StoredTurn(UUID userMessageId, String userContent, UUID assistantMessageId, String reply, boolean completedBySession) {
    }

    Uni<Optional<StoredTurn>> findByIdempotencyKey(UUID sessionId, String key, Duration window) {
        return pool.preparedQuery("""
                SELECT u.id AS user_id, u.content AS user_content, a.id AS assistant_id, a.content AS reply,
                       (s.status = 'completed' AND a.seq = s.message_count) AS completing
                FROM assessment_message u
                JOIN assessment_session s ON s.id = u.session_id
                LEFT JOIN assessment_message a ON a.reply_to = u.id
                WHERE u.session_id = $1 AND u.idempotency_key = $2 AND u.role = 'user'
                  AND u.created_at > now() - make_interval(secs => $3)""")
                .execute(Tuple.of(sessionId, key, (double) window.toSeconds()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new StoredTurn(r.getUUID("user_id"), r.getString("user_content"),
                            r.getUUID("assistant_id"), r.getString("reply"), Boolean.TRUE.equals(r.getBoolean("completing"))));
                });
    }

    /** Why a lock could not be taken. */
    enum LockRefusal {
        IN_PROGRESS, COMPLETED
    }

    /** Takes the session's turn lock; empty when taken, else why not. */
    Uni<Optional<LockRefusal>> lock(UUID sessionId, UUID token, Duration timeout) {
        return pool.preparedQuery("""
                WITH taken AS (
                    UPDATE assessment_session SET turn_lock = $2, turn_locked_until = now() + make_interval(secs => $3)
                    WHERE id = $1 AND status = 'active' AND (turn_lock IS NULL OR turn_locked_until < now())
                    RETURNING id)
                SELECT (SELECT count(*) FROM taken) AS taken, status FROM assessment_session WHERE id = $1""")
                .execute(Tuple.of(sessionId, token, (double) timeout.toSeconds()))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    if (r.getLong("taken") > 0) {
                        return Optional.empty();
                    }
                    return Optional.of("completed".equals(r.getString("status")) ? LockRefusal.COMPLETED : LockRefusal.IN_PROGRESS);
                });
    }

    Uni<Void> unlock(UUID sessionId, UUID token) {
        return pool.preparedQuery("UPDATE assessment_session SET turn_lock = NULL, turn_locked_until = NULL WHERE id = $1 AND turn_lock = $2")
                .execute(Tuple.of(sessionId, token)).replaceWithVoid();
    }

    /**
     * Stores the user message and its analysis job in one transaction (reusing the already stored message when a
     * retry sends it again, see {@link #reusable}) and returns the stored message.
     */
    Uni<Message> storeUserMessage(UUID sessionId, UUID lock, String content, String idempotencyKey, Duration window) {
        return pool.withTransaction(tx -> reusable(tx, sessionId, content, idempotencyKey).flatMap(existing -> {
            if (existing.isPresent()) {
                return Uni.createFrom().item(existing.get());
            }
            Message m = new Message();
            m.id = UUID.randomUUID();
            m.sessionId = sessionId;
            m.role = Message.USER;
            m.content = content;
            m.idempotencyKey = idempotencyKey;
            Uni<Void> clearStaleKey = idempotencyKey == null ? Uni.createFrom().voidItem()
                    : tx.preparedQuery("""
                            UPDATE assessment_message SET idempotency_key = NULL
                            WHERE session_id = $1 AND idempotency_key = $2 AND created_at <= now() - make_interval(secs => $3)""")
                            .execute(Tuple.of(sessionId, idempotencyKey, (double) window.toSeconds())).replaceWithVoid();
            return clearStaleKey
                    .flatMap(v -> nextSeq(tx, sessionId, lock))
                    .flatMap(seq -> {
                        m.seq = seq;
                        return tx.preparedQuery("""
                                INSERT INTO assessment_message (id, session_id, seq, role, content, idempotency_key, created_at)
                                VALUES ($1, $2, $3, 'user', $4, $5, now()) RETURNING created_at""")
                                .execute(Tuple.of(m.id, sessionId, seq, content, idempotencyKey));
                    })
                    .flatMap(rows -> {
                        m.createdAt = rows.iterator().next().getOffsetDateTime("created_at").toInstant();
                        return queue.enqueue(tx, m.id, sessionId);
                    })
                    .replaceWith(m);
        }));
    }

    /**
     * A user message a retry may reuse instead of storing a duplicate: the one sent with the same idempotency key, or
     * the session's last message when it is an unanswered user message with the same text (a retry after a 503).
     */
    private Uni<Optional<Message>> reusable(SqlConnection tx, UUID sessionId, String content, String idempotencyKey) {
        return tx.preparedQuery("""
                SELECT m.id, m.seq, m.role, m.content, m.created_at, m.idempotency_key FROM assessment_message m
                WHERE m.session_id = $1 AND m.role = 'user'
                  AND NOT EXISTS (SELECT 1 FROM assessment_message a WHERE a.reply_to = m.id)
                  AND ((m.idempotency_key IS NOT NULL AND m.idempotency_key = $3)
                       OR (m.seq = (SELECT max(seq) FROM assessment_message WHERE session_id = $1) AND m.content = $2))
                ORDER BY m.seq DESC LIMIT 1""")
                .execute(Tuple.of(sessionId, content, idempotencyKey))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    Message m = message(sessionId, r);
                    m.idempotencyKey = r.getString("idempotency_key");
                    return Optional.of(m);
                });
    }

    private Uni<Integer> nextSeq(SqlConnection tx, UUID sessionId, UUID lock) {
        return tx.preparedQuery("""
                UPDATE assessment_session SET message_count = message_count + 1, last_activity_at = now()
                WHERE id = $1 AND turn_lock = $2 RETURNING message_count""")
                .execute(Tuple.of(sessionId, lock))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new LostTurnLock();
                    }
                    return rows.iterator().next().getInteger("message_count");
                });
    }

    /** Everything a turn needs to know, read after the user message is stored. */
    record Context(List<Message> recent, int userTurns, List<Facet> recentFocus) {
    }

    Uni<Context> context(UUID sessionId, int recentLimit) {
        Uni<List<Message>> recent = pool.preparedQuery("""
                SELECT id, seq, role, content, created_at FROM assessment_message WHERE session_id = $1
                ORDER BY seq DESC LIMIT $2""")
                .execute(Tuple.of(sessionId, recentLimit))
                .map(rows -> {
                    List<Message> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(message(sessionId, r));
                    }
                    Collections.reverse(list);
                    return list;
                });
        Uni<Integer> userTurns = pool.preparedQuery("SELECT count(*) AS n FROM assessment_message WHERE session_id = $1 AND role = 'user'")
                .execute(Tuple.of(sessionId)).map(rows -> rows.iterator().next().getLong("n").intValue());
        Uni<List<Facet>> focus = pool.preparedQuery("""
                SELECT focus FROM assessment_message WHERE session_id = $1 AND role = 'assistant'
                ORDER BY seq DESC LIMIT $2""")
                .execute(Tuple.of(sessionId, Steering.RECENT_WINDOW))
                .map(rows -> {
                    List<Facet> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(r.getString("focus") == null ? null : Facet.fromApiName(r.getString("focus")).orElse(null));
                    }
                    return list;
                });
        return Uni.combine().all().unis(recent, userTurns, focus).with(Context::new);
    }

    /** The stored reply and the session's new state, in one transaction that also releases the lock. */
    record Reply(UUID id, UUID replyTo, String content, String model, Integer inputTokens, Integer outputTokens,
            Long costMicros, Facet focus, boolean completes) {
    }

    Uni<OffsetDateTime> storeReply(UUID sessionId, UUID lock, Reply reply) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE assessment_session SET message_count = message_count + 1, last_activity_at = now(),
                    turn_lock = NULL, turn_locked_until = NULL,
                    status = CASE WHEN $3 THEN 'completed' ELSE status END,
                    completed_at = CASE WHEN $3 THEN now() ELSE completed_at END
                WHERE id = $1 AND turn_lock = $2 RETURNING message_count""")
                .execute(Tuple.of(sessionId, lock, reply.completes()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw new LostTurnLock();
                    }
                    int seq = rows.iterator().next().getInteger("message_count");
                    return tx.preparedQuery("""
                            INSERT INTO assessment_message (id, session_id, seq, role, content, reply_to, model, input_tokens,
                                output_tokens, cost_micros, focus, created_at)
                            VALUES ($1, $2, $3, 'assistant', $4, $5, $6, $7, $8, $9, $10, now()) RETURNING created_at""")
                            .execute(Tuple.from(new Object[] { reply.id(), sessionId, seq, reply.content(), reply.replyTo(),
                                    reply.model(), reply.inputTokens(), reply.outputTokens(), reply.costMicros(),
                                    reply.focus() == null ? null : reply.focus().apiName() }));
                })
                .map(rows -> rows.iterator().next().getOffsetDateTime("created_at")));
    }

    private static Message message(UUID sessionId, Row r) {
        Message m = new Message();
        m.id = r.getUUID("id");
        m.sessionId = sessionId;
        m.seq = r.getInteger("seq");
        m.role = r.getString("role");
        m.content = r.getString("content");
        m.createdAt = r.getOffsetDateTime("created_at").toInstant();
        return m;
    }

    /** The turn lock expired and was taken by another turn; this turn must not write. */
    static final class LostTurnLock extends RuntimeException {
        LostTurnLock() {
            super("The session's turn lock was lost", null, false, false);
        }
    }
}
