package dev.bigocean.questionnaire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.platform.Rows;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Questionnaire answers ({@code questionnaire_response}), one row per session, in plain SQL on the reactive pool. */
@ApplicationScoped
class QuestionnaireRepository {

    /* One statement: insert the session's row or merge the new answers into it (jsonb ||: new keys win). */
    private static final String MERGE = """
            INSERT INTO questionnaire_response (session_id, answers) VALUES ($1, $2::jsonb)
            ON CONFLICT (session_id) DO UPDATE
                SET answers = questionnaire_response.answers || EXCLUDED.answers, updated_at = now()
            RETURNING answers""";

    /** The stored answers of the session row aliased {@code s}, as a scalar subquery other queries select. */
    static final String ANSWERS_OF_SESSION = "(SELECT q.answers FROM questionnaire_response q WHERE q.session_id = s.id)";

    private final Pool pool;

    QuestionnaireRepository(Pool pool) {
        this.pool = pool;
    }

    /** Merges {@code answers} (item id → 1..5) into the session's stored answers; returns all of them. */
    Uni<Map<String, Integer>> merge(UUID sessionId, Map<String, Integer> answers) {
        return pool.preparedQuery(MERGE).execute(Tuple.of(sessionId, new JsonObject(new LinkedHashMap<>(answers))))
                .map(QuestionnaireRepository::answers);
    }

    /** The session's stored answers (empty when it has none). */
    Uni<Map<String, Integer>> answers(UUID sessionId) {
        return pool.preparedQuery("SELECT answers FROM questionnaire_response WHERE session_id = $1")
                .execute(Tuple.of(sessionId)).map(QuestionnaireRepository::answers);
    }

    private static Map<String, Integer> answers(RowSet<Row> rows) {
        Row row = Rows.first(rows);
        return answers(row == null ? null : row.getValue("answers"));
    }

    /** Item id → answer from a selected {@code answers} value (jsonb; null when the session has none). */
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
