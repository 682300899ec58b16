package dev.bigocean.analysis;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.testsupport.Api;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Test data for the analysis pipeline without a Nerin turn: sessions through the API, then a user message (after an
 * optional Nerin question) stored together with its analysis job ({@link AnalysisQueue}) in one transaction, as the
 * conversation does it.
 */
@ApplicationScoped
public class AnalysisFixtures {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Pool pool;

    AnalysisFixtures(Pool pool) {
        this.pool = pool;
    }

    public static String startSession() {
        return Api.startSession();
    }

    /** Stores the question (if any) as an assistant message and the user's answer with its job; the user message id. */
    public UUID userMessage(String sessionId, String question, String text) {
        UUID session = UUID.fromString(sessionId);
        UUID messageId = UUID.randomUUID();
        return pool.withTransaction(tx -> tx
                .preparedQuery("SELECT coalesce(max(seq), 0) AS seq FROM assessment_message WHERE session_id = $1")
                .execute(Tuple.of(session))
                .flatMap(rows -> {
                    int seq = rows.iterator().next().getInteger("seq");
                    Uni<Integer> asked = question == null ? Uni.createFrom().item(seq)
                            : tx.preparedQuery("""
                                    INSERT INTO assessment_message (id, session_id, seq, role, content, created_at)
                                    VALUES ($1, $2, $3, 'assistant', $4, clock_timestamp())""")
                                    .execute(Tuple.of(UUID.randomUUID(), session, seq + 1, question)).replaceWith(seq + 1);
                    return asked;
                })
                .flatMap(seq -> tx.preparedQuery("""
                        INSERT INTO assessment_message (id, session_id, seq, role, content, created_at)
                        VALUES ($1, $2, $3, 'user', $4, clock_timestamp())""")
                        .execute(Tuple.of(messageId, session, seq + 1, text)))
                .flatMap(ignored -> tx.preparedQuery("WITH m AS (SELECT $1::uuid AS id, $2::uuid AS session_id) "
                        + AnalysisQueue.enqueueEach("m")).execute(Tuple.of(messageId, session)))
                .replaceWith(messageId))
                .await().atMost(WAIT);
    }

    /** The job of a message as a column → value map. */
    public Map<String, Object> job(UUID messageId) {
        return pool.preparedQuery("SELECT * FROM analysis_job WHERE message_id = $1").execute(Tuple.of(messageId))
                .map(rows -> rows.size() == 0 ? Map.<String, Object>of() : toMap(rows.iterator().next()))
                .await().atMost(WAIT);
    }

    public Map<String, Object> awaitJob(UUID messageId, String status) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> job(messageId),
                job -> status.equals(job.get("status")));
    }

    /** The evidence rows of a message in creation order. */
    public List<Map<String, Object>> evidence(UUID messageId) {
        return pool.preparedQuery("SELECT * FROM facet_evidence WHERE message_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(messageId))
                .map(rows -> {
                    List<Map<String, Object>> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toMap(row)));
                    return list;
                })
                .await().atMost(WAIT);
    }

    /** Inserts an evidence row directly (for endpoint tests), quoting {@code [start, end)} of the message. */
    public UUID insertEvidence(UUID messageId, String facet, int score, int confidence, int start, int end, Instant createdAt) {
        UUID id = UUID.randomUUID();
        return pool.preparedQuery("""
                INSERT INTO facet_evidence (id, session_id, message_id, facet, score, confidence, quote,
                                            highlight_start, highlight_end, created_at)
                SELECT $1, m.session_id, m.id, $3, $4, $5, substring(m.content FROM $6 + 1 FOR $7 - $6), $6, $7, $8
                  FROM assessment_message m WHERE m.id = $2""")
                .execute(Tuple.tuple().addValue(id).addValue(messageId).addValue(facet).addValue((short) score)
                        .addValue((short) confidence).addValue(start).addValue(end)
                        .addValue(OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC)))
                .replaceWith(id)
                .await().atMost(WAIT);
    }

    /** Sets every unfinished job aside, so a test driving the queue by hand only meets its own jobs. */
    public void quiesce() {
        pool.query("UPDATE analysis_job SET status = 'done', lock_token = NULL, locked_until = NULL "
                + "WHERE status IN ('pending', 'running')").execute().await().atMost(WAIT);
    }

    /** Runs SQL (tests only), e.g. to expire a lease without waiting. */
    public int update(String sql, Object... params) {
        Tuple tuple = Tuple.tuple();
        for (Object p : params) {
            tuple.addValue(p);
        }
        return pool.preparedQuery(sql).execute(tuple).await().atMost(WAIT).rowCount();
    }

    public Pool pool() {
        return pool;
    }

    private static Map<String, Object> toMap(Row row) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            map.put(row.getColumnName(i), row.getValue(i));
        }
        return map;
    }
}
