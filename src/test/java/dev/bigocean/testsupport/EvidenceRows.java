package dev.bigocean.testsupport;

import java.util.UUID;

import dev.bigocean.scoring.Facet;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes evidence rows straight into PostgreSQL, for tests that need a session with known scores. */
public final class EvidenceRows {

    private EvidenceRows() {
    }

    /** One evidence row (quote and highlight are placeholders: these tests only look at scores). */
    public static void insert(Pool pool, String sessionId, String messageId, Facet facet, int score, int confidence) {
        pool.preparedQuery("""
                INSERT INTO facet_evidence (id, session_id, message_id, facet, score, confidence, quote, highlight_start, highlight_end)
                VALUES ($1, $2, $3, $4, $5, $6, 'quote', 0, 5)""")
                .execute(Tuple.from(new Object[] { UUID.randomUUID(), UUID.fromString(sessionId), UUID.fromString(messageId),
                        facet.apiName(), (short) score, (short) confidence }))
                .await().indefinitely();
    }
}
