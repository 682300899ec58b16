package dev.bigocean.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.scoring.Facet;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of {@code facet_evidence} (the analyzer writes it, see {@link AnalysisJobRepository#complete}), one statement each. */
@ApplicationScoped
class EvidenceRepository {

    private static final String COLUMNS = "id, session_id, message_id, facet, score, confidence, quote, highlight_start, highlight_end, created_at";

    private final Pool pool;

    EvidenceRepository(Pool pool) {
        this.pool = pool;
    }

    /** A session's evidence for one facet, newest first. */
    Uni<List<Evidence>> bySessionAndFacet(UUID sessionId, Facet facet) {
        return pool.preparedQuery("SELECT " + COLUMNS
                + " FROM facet_evidence WHERE session_id = $1 AND facet = $2 ORDER BY created_at DESC, id DESC")
                .execute(Tuple.of(sessionId, facet.apiName())).map(EvidenceRepository::list);
    }

    /** A message's evidence, highest score first, ties newest first. */
    Uni<List<Evidence>> byMessage(UUID messageId) {
        return pool.preparedQuery("SELECT " + COLUMNS
                + " FROM facet_evidence WHERE message_id = $1 ORDER BY score DESC, created_at DESC, id DESC")
                .execute(Tuple.of(messageId)).map(EvidenceRepository::list);
    }

    private static List<Evidence> list(RowSet<Row> rows) {
        List<Evidence> list = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Evidence e = new Evidence();
            e.id = r.getUUID("id");
            e.sessionId = r.getUUID("session_id");
            e.messageId = r.getUUID("message_id");
            e.facet = r.getString("facet");
            e.score = r.getShort("score");
            e.confidence = r.getShort("confidence");
            e.quote = r.getString("quote");
            e.highlightStart = r.getInteger("highlight_start");
            e.highlightEnd = r.getInteger("highlight_end");
            e.createdAt = r.getOffsetDateTime("created_at").toInstant();
            list.add(e);
        }
        return list;
    }
}
