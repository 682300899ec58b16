package dev.bigocean.assessment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.scoring.Archetype;
import dev.bigocean.scoring.Archetypes;
import dev.bigocean.scoring.EvidencePoint;
import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.ScoreSheet;
import dev.bigocean.scoring.Scoring;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Scores of a session, always computed from its stored evidence rows (domain.md §3): one indexed read, then the pure
 * {@link Scoring} rules. Plain SQL on the reactive pool, so it can run on any thread (also right after a model call).
 */
@ApplicationScoped
public class ScoringService {

    private final Pool pool;
    private final Archetypes archetypes = Archetypes.fromClasspath();

    ScoringService(Pool pool) {
        this.pool = pool;
    }

    public Uni<ScoreSheet> sheet(UUID sessionId) {
        return pool.preparedQuery("""
                SELECT facet, score, confidence FROM facet_evidence WHERE session_id = $1 ORDER BY created_at, id""")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    Map<Facet, List<EvidencePoint>> byFacet = new EnumMap<>(Facet.class);
                    for (Row row : rows) {
                        Facet.fromApiName(row.getString("facet")).ifPresent(facet -> byFacet
                                .computeIfAbsent(facet, f -> new ArrayList<>())
                                .add(new EvidencePoint(row.getInteger("score"), row.getInteger("confidence"))));
                    }
                    return Scoring.compute(byFacet);
                });
    }

    /**
     * {@code offline} when any analysis of the session ran on the offline analyzer (a deterministic lexicon matcher, not
     * an AI; its scores are only illustrative), {@code online} when its analyses all ran on a model; with no analysis
     * yet, the mode the analyzer runs in now ({@code analyzerOffline}).
     */
    public Uni<String> analysisMode(UUID sessionId, boolean analyzerOffline) {
        return pool.preparedQuery("""
                SELECT bool_or(model ILIKE 'offline%') AS offline, count(*) AS analysed
                FROM analysis_job WHERE session_id = $1 AND status = 'done' AND model IS NOT NULL""")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    boolean offline = row.getLong("analysed") == 0 ? analyzerOffline : Boolean.TRUE.equals(row.getBoolean("offline"));
                    return offline ? "offline" : "online";
                });
    }

    /** Facets that carry information: at least one evidence row and a confidence above 0 (contradicted facets count as unexplored). */
    public static java.util.Set<Facet> explored(ScoreSheet sheet) {
        java.util.Set<Facet> explored = java.util.EnumSet.noneOf(Facet.class);
        sheet.facets().stream().filter(f -> f.confidence() > 0).forEach(f -> explored.add(f.facet()));
        return explored;
    }

    public Archetype archetype(ScoreSheet sheet) {
        return archetypes.forCode4(sheet.oceanCode4());
    }
}
