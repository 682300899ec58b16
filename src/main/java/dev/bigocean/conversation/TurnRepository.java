package dev.bigocean.conversation;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.analysis.AnalysisQueue;
import dev.bigocean.assessment.Message;
import dev.bigocean.assessment.ScoringService;
import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.ScoreSheet;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The write path of a turn, in plain SQL on the reactive pool (it runs before and after a model call, on whatever
 * thread the model answered on). Every statement that changes a session checks the turn lock it holds.
 */
@ApplicationScoped
class TurnRepository {

    private final Pool pool;

    TurnRepository(Pool pool) {
        this.pool = pool;
    }

    /** The user message sent earlier with this turn's idempotency key (within the window), and its reply if any. */
    record KeyedTurn(UUID userMessageId, String userContent, UUID assistantMessageId, String reply,
            boolean completedBySession) {
    }

    /**
     * What {@link #open} found: whether this turn took the session's lock, the session's status, the turn sent earlier
     * with the same idempotency key, whether an expired message still carries that key, and the context of the turn
     * (the most recent messages oldest first, the number of user messages, the latest assistant focuses newest first,
     * the session's score sheet).
     */
    record Opening(boolean taken, String status, Optional<KeyedTurn> keyed, boolean staleKey, List<Message> recent,
            int userTurns, List<Facet> recentFocus, ScoreSheet sheet) {
    }

    /**
     * One statement before a turn: takes the session's turn lock unless the idempotency key was already answered or
     * sent with another message, and reads everything the turn needs, score sheet included. Empty when the session row
     * does not exist.
     */
    Uni<Optional<Opening>> open(UUID sessionId, UUID lock, Duration lockTimeout, String content, String idempotencyKey,
            Duration window, int recentLimit) {
        return pool.preparedQuery("""
                WITH keyed AS (
                    SELECT u.id, u.content, u.created_at > now() - make_interval(secs => $6) AS fresh,
                           a.id AS assistant_id, a.content AS reply, a.seq AS reply_seq
                    FROM assessment_message u LEFT JOIN assessment_message a ON a.reply_to = u.id
                    WHERE u.session_id = $1 AND u.idempotency_key = $5 AND u.role = 'user'),
                taken AS (
                    UPDATE assessment_session SET turn_lock = $2, turn_locked_until = now() + make_interval(secs => $3)
                    WHERE id = $1 AND status = 'active' AND (turn_lock IS NULL OR turn_locked_until < now())
                      AND NOT EXISTS (SELECT 1 FROM keyed WHERE fresh AND (assistant_id IS NOT NULL OR content <> $4))
                    RETURNING id)
                SELECT (SELECT count(*) FROM taken) AS taken, s.status,
                       k.id AS key_id, k.content AS key_content, k.fresh AS key_fresh, k.assistant_id, k.reply,
                       (s.status = 'completed' AND k.reply_seq = s.message_count) AS completing,
                       (SELECT count(*) FROM assessment_message WHERE session_id = $1 AND role = 'user') AS user_turns,
                       (SELECT json_agg(json_build_object('id', r.id, 'seq', r.seq, 'role', r.role, 'content', r.content)
                                        ORDER BY r.seq)
                        FROM (SELECT id, seq, role, content FROM assessment_message WHERE session_id = $1
                              ORDER BY seq DESC LIMIT $7) r) AS recent,
                       (SELECT array_agg(f.focus ORDER BY f.seq DESC)
                        FROM (SELECT focus, seq FROM assessment_message WHERE session_id = $1 AND role = 'assistant'
                              ORDER BY seq DESC LIMIT $8) f) AS focus,
                """ + ScoringService.SHEET_COLUMNS + """

                FROM assessment_session s LEFT JOIN keyed k ON true
                """ + ScoringService.SHEET_JOIN + """

                WHERE s.id = $1""")
                .execute(Tuple.from(new Object[] { sessionId, lock, (double) lockTimeout.toSeconds(), content,
                        idempotencyKey, (double) window.toSeconds(), recentLimit, Steering.RECENT_WINDOW }))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(opening(sessionId, rows.iterator().next())));
    }

    private static Opening opening(UUID sessionId, Row r) {
        boolean keyed = r.getUUID("key_id") != null;
        boolean fresh = keyed && Boolean.TRUE.equals(r.getBoolean("key_fresh"));
        Optional<KeyedTurn> turn = fresh ? Optional.of(new KeyedTurn(r.getUUID("key_id"), r.getString("key_content"),
                r.getUUID("assistant_id"), r.getString("reply"), Boolean.TRUE.equals(r.getBoolean("completing"))))
                : Optional.empty();
        List<Message> recent = new ArrayList<>();
        JsonArray json = r.getJsonArray("recent");
        for (int i = 0; json != null && i < json.size(); i++) {
            JsonObject o = json.getJsonObject(i);
            Message m = new Message();
            m.id = UUID.fromString(o.getString("id"));
            m.sessionId = sessionId;
            m.seq = o.getInteger("seq");
            m.role = o.getString("role");
            m.content = o.getString("content");
            recent.add(m);
        }
        List<Facet> focus = new ArrayList<>();
        String[] names = r.getArrayOfStrings("focus");
        for (String name : names == null ? new String[0] : names) {
            focus.add(name == null ? null : Facet.fromApiName(name).orElse(null));
        }
        return new Opening(r.getLong("taken") > 0, r.getString("status"), turn, keyed && !fresh, recent,
                r.getLong("user_turns").intValue(), focus, ScoringService.sheet(r));
    }

    Uni<Void> unlock(UUID sessionId, UUID token) {
        return pool.preparedQuery("UPDATE assessment_session SET turn_lock = NULL, turn_locked_until = NULL WHERE id = $1 AND turn_lock = $2")
                .execute(Tuple.of(sessionId, token)).replaceWithVoid();
    }

    /*
     * The user message with the next sequence number, checked against the turn lock, and its analysis job: one
     * statement, so atomic without a transaction of its own, and no message is ever stored without its job.
     */
    private static final String STORE_USER_MESSAGE = """
            WITH s AS (
                UPDATE assessment_session SET message_count = message_count + 1, last_activity_at = now()
                WHERE id = $2 AND turn_lock = $5 RETURNING id, message_count),
            m AS (
                INSERT INTO assessment_message (id, session_id, seq, role, content, idempotency_key, created_at)
                SELECT $1, s.id, s.message_count, 'user', $3, $4, now() FROM s RETURNING id, session_id),
            j AS (""" + AnalysisQueue.enqueueEach("m") + """
            )
            SELECT id FROM m""";

    /**
     * Stores the user message and its analysis job in one statement ({@link #STORE_USER_MESSAGE}); first takes the
     * idempotency key off an expired message that still carries it (harmless on its own if the store then fails).
     * Returns the message's id.
     */
    Uni<UUID> storeUserMessage(UUID sessionId, UUID lock, String content, String idempotencyKey, boolean staleKey) {
        UUID id = UUID.randomUUID();
        Uni<Void> freeKey = staleKey
                ? pool.preparedQuery("UPDATE assessment_message SET idempotency_key = NULL WHERE session_id = $1 AND idempotency_key = $2")
                        .execute(Tuple.of(sessionId, idempotencyKey)).replaceWithVoid()
                : Uni.createFrom().voidItem();
        return freeKey.flatMap(v -> pool.preparedQuery(STORE_USER_MESSAGE).execute(Tuple.of(id, sessionId, content, idempotencyKey, lock)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new LostTurnLock();
                    }
                    return id;
                });
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

    /** The turn lock expired and was taken by another turn; this turn must not write. */
    static final class LostTurnLock extends RuntimeException {
        LostTurnLock() {
            super("The session's turn lock was lost", null, false, false);
        }
    }
}
