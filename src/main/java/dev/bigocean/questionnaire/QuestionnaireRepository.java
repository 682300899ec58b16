package dev.bigocean.questionnaire;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.assessment.AssessmentService;
import dev.bigocean.assessment.AssessmentService.SessionWrite;
import dev.bigocean.platform.Rows;
import dev.bigocean.scoring.IpipNeo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Questionnaire answers ({@code questionnaire_response}), one row per session, in plain SQL on the reactive pool. The
 * answers are stored as {@code answer_codes}, a {@code bit(360)}: three bits per item in item-number order (the item's
 * place in the IPIP-NEO-120, 1–120), {@code 000} for an item not answered and the answer 1–5 in binary otherwise. A
 * whole questionnaire is 45 bytes in the row, and merging answers into it is two bit operations.
 */
@ApplicationScoped
class QuestionnaireRepository {

    /** Bits per item in {@code answer_codes}: answers 1–5 need three. */
    private static final int BITS = 3;

    /**
     * Merges answers into the session's row, inserting it on the first answers; run by
     * {@code AssessmentService.requireAndWrite}, which checks the session in the same statement. {@code $4} holds the
     * request's answers as {@link Codes#given()} ({@code 000} for the items it leaves alone) and {@code $5} its
     * {@link Codes#mask()} ({@code 111} for each item it answers): the stored codes become
     * {@code (stored & ~mask) | given}. Answers the row already holds, every one with the same value
     * ({@code stored & mask = given}), are not written again: a resent page or a retried request is then a read, with
     * nothing to commit, and {@code updated_at} stays the time the answers last changed. That test is made in a select
     * list, on the session's row alone, whatever plan PostgreSQL picks (in a condition, a scan of a small table made it
     * on every row). Either way the statement returns all the session's answers, as {@link #answers(Object)} reads them.
     */
    static final SessionWrite MERGE = AssessmentService.sessionWrite("""
            INSERT INTO questionnaire_response (session_id, answer_codes) SELECT id, $4::text::bit(360) FROM allowed
            WHERE (SELECT q.answer_codes & $5::text::bit(360) = $4::text::bit(360)
                   FROM questionnaire_response q WHERE q.session_id = allowed.id) IS NOT TRUE
            ON CONFLICT (session_id) DO UPDATE
                SET answer_codes = (questionnaire_response.answer_codes & ~($5::text::bit(360))) | EXCLUDED.answer_codes,
                    updated_at = now()
            RETURNING answer_codes::text""", """
            (SELECT q.answer_codes::text FROM questionnaire_response q JOIN allowed a ON a.id = q.session_id)""");

    /** The stored answers of the session row aliased {@code s}, as a scalar subquery other queries select. */
    static final String ANSWERS_OF_SESSION =
            "(SELECT q.answer_codes::text FROM questionnaire_response q WHERE q.session_id = s.id)";

    private final Pool pool;

    QuestionnaireRepository(Pool pool) {
        this.pool = pool;
    }

    /** A request's answers as {@link #MERGE}'s two parameters, each a string of 360 bits ({@code 0} and {@code 1}). */
    record Codes(String given, String mask) {
    }

    /** Answers by item number (index: number − 1; 1–5, 0 for an item not given), as {@link #MERGE} takes them. */
    static Codes codes(int[] answers) {
        char[] given = new char[IpipNeo.ITEM_COUNT * BITS];
        char[] mask = new char[given.length];
        Arrays.fill(given, '0');
        Arrays.fill(mask, '0');
        for (int number = 1; number <= answers.length; number++) {
            int answer = answers[number - 1];
            if (answer != 0) {
                int at = (number - 1) * BITS;
                for (int bit = 0; bit < BITS; bit++) {
                    given[at + bit] = (answer >> (BITS - 1 - bit) & 1) == 1 ? '1' : '0';
                    mask[at + bit] = '1';
                }
            }
        }
        return new Codes(new String(given), new String(mask));
    }

    /** The session's stored answers, as {@link #ANSWERS_OF_SESSION} selects them (null when none). */
    Uni<Object> stored(UUID sessionId) {
        return pool.preparedQuery("SELECT answer_codes::text FROM questionnaire_response WHERE session_id = $1")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    Row row = Rows.first(rows);
                    return row == null ? null : row.getValue(0);
                });
    }

    /**
     * Item number → answer 1–5 from selected {@code answer_codes} (as text; null when there are none), in item order;
     * items not answered are left out.
     */
    static Map<Integer, Integer> answers(Object codes) {
        Map<Integer, Integer> answers = new LinkedHashMap<>(IpipNeo.ITEM_COUNT * 2); // 120 without a resize
        if (codes != null) {
            String bits = codes.toString();
            for (int at = 0; at + BITS <= bits.length(); at += BITS) {
                int answer = 0;
                for (int bit = 0; bit < BITS; bit++) {
                    answer = answer << 1 | (bits.charAt(at + bit) == '1' ? 1 : 0);
                }
                if (answer >= 1 && answer <= 5) {
                    answers.put(at / BITS + 1, answer);
                }
            }
        }
        return answers;
    }
}
