package dev.bigocean.questionnaire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.assessment.AssessmentService;
import dev.bigocean.assessment.AssessmentService.SessionWrite;
import dev.bigocean.platform.Rows;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Questionnaire answers ({@code questionnaire_response}), one row per session, in plain SQL on the reactive pool. The
 * answers are stored as {@code {"<item number>": 1..5}}, by the item's number in the IPIP-NEO-120 (1–120), not by its
 * 36-character id: a whole questionnaire is then about 1 KB, stored in the row, instead of 6 KB moved out of it to TOAST
 * storage on every write.
 */
@ApplicationScoped
class QuestionnaireRepository {

    /**
     * Merges answers ({@code $4}, a JSON object as text) into the session's row, inserting it on the first answers
     * (jsonb {@code ||}: new keys win); run by {@code AssessmentService.requireAndWrite}, which checks the session in the
     * same statement. Answers the row already holds, every one of them with the same value ({@code @>}), are not written
     * again: a resent page or a retried request is then a read, with nothing to commit, and {@code updated_at} stays the
     * time the answers last changed. The containment is tested in a select list, on the session's row alone, whatever
     * plan PostgreSQL picks (in a condition, a scan of a small table tested it on every row). Either way the statement
     * returns the stored answers this request did not replace ({@code {}} when it answered every stored item), so that
     * a whole questionnaire is not sent back to be decoded again: all answers are those plus the request's.
     */
    static final SessionWrite MERGE = AssessmentService.sessionWrite("""
            INSERT INTO questionnaire_response (session_id, answers) SELECT id, $4::text::jsonb FROM allowed
            WHERE (SELECT q.answers @> $4::text::jsonb FROM questionnaire_response q WHERE q.session_id = allowed.id)
                IS NOT TRUE
            ON CONFLICT (session_id) DO UPDATE
                SET answers = questionnaire_response.answers || EXCLUDED.answers, updated_at = now()
            RETURNING answers - ARRAY(SELECT jsonb_object_keys($4::text::jsonb))""", """
            (SELECT q.answers - ARRAY(SELECT jsonb_object_keys($4::text::jsonb))
             FROM questionnaire_response q JOIN allowed a ON a.id = q.session_id)""");

    /** The stored answers of the session row aliased {@code s}, as a scalar subquery other queries select. */
    static final String ANSWERS_OF_SESSION = "(SELECT q.answers FROM questionnaire_response q WHERE q.session_id = s.id)";

    private final Pool pool;

    QuestionnaireRepository(Pool pool) {
        this.pool = pool;
    }

    /** {@code answers} as the JSON object {@link #MERGE} takes: item number → answer, integers only. */
    static String json(Map<Inventory.Item, Integer> answers) {
        StringBuilder json = new StringBuilder(answers.size() * 8 + 2).append('{');
        answers.forEach((item, answer) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(item.num()).append("\":").append(answer.intValue());
        });
        return json.append('}').toString();
    }

    /** The session's stored {@code answers} value, as {@link #ANSWERS_OF_SESSION} selects it (null when none). */
    Uni<Object> stored(UUID sessionId) {
        return pool.preparedQuery("SELECT answers FROM questionnaire_response WHERE session_id = $1")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    Row row = Rows.first(rows);
                    return row == null ? null : row.getValue("answers");
                });
    }

    /** Stored key (an item number) → answer from a selected {@code answers} value (jsonb; null when there are none). */
    static Map<String, Integer> answers(Object value) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        if (value != null) {
            JsonObject json = value instanceof JsonObject o ? o : new JsonObject(String.valueOf(value));
            json.forEach(e -> {
                if (e.getValue() instanceof Number n) {
                    answers.put(e.getKey(), n.intValue());
                }
            });
        }
        return answers;
    }
}
