package dev.bigocean.assessment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.scoring.Archetype;
import dev.bigocean.scoring.Archetypes;
import dev.bigocean.scoring.EvidencePoint;
import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.FacetScore;
import dev.bigocean.scoring.ScoreSheet;
import dev.bigocean.scoring.Scoring;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Scores of a session (domain.md §3–4). The owner of {@code score_sheet}: the 30 facet aggregates of a session, stored
 * by {@link #refresh} in the transaction that commits its evidence, so that a read is one indexed row and the pure
 * {@link Scoring} rules. Any other change to the evidence drops the stored sheet (a trigger); a read that finds none
 * aggregates the rows in the same statement, so a read always equals the aggregation of the stored rows.
 */
@ApplicationScoped
public class ScoringService {

    /**
     * The columns a query selects to read a session's sheet with {@link #sheet(Row)}: it must join {@link #SHEET_JOIN}
     * to its session row {@code s}.
     */
    public static final String SHEET_COLUMNS =
            "sc.raw_scores, sc.confidences, ev.facets AS ev_facets, ev.scores AS ev_scores, ev.confidences AS ev_confidences";

    /**
     * The stored sheet of the session row {@code s} and, only when none is stored, its evidence rows aggregated in one
     * scan (the condition on {@code sc} is constant for the lateral subquery, so with a sheet PostgreSQL skips it).
     */
    public static final String SHEET_JOIN = """
            LEFT JOIN score_sheet sc ON sc.session_id = s.id
            LEFT JOIN LATERAL (
                SELECT array_agg(e.facet ORDER BY e.created_at, e.id) AS facets,
                       array_agg(e.score ORDER BY e.created_at, e.id) AS scores,
                       array_agg(e.confidence ORDER BY e.created_at, e.id) AS confidences
                FROM facet_evidence e WHERE e.session_id = s.id AND sc.session_id IS NULL) ev ON true""";

    private static final String SHEET = "SELECT " + SHEET_COLUMNS + " FROM (SELECT $1::uuid AS id) s\n" + SHEET_JOIN;
    private static final ScoreSheet EMPTY = Scoring.compute(Map.of());

    private final Pool pool;
    private final Archetypes archetypes = Archetypes.fromClasspath();

    ScoringService(Pool pool) {
        this.pool = pool;
    }

    /** The session's sheet in one round trip. */
    public Uni<ScoreSheet> sheet(UUID sessionId) {
        return pool.preparedQuery(SHEET).execute(Tuple.of(sessionId)).map(rows -> sheet(rows.iterator().next()));
    }

    /** The sheet from a row that selected {@link #SHEET_COLUMNS}. */
    public static ScoreSheet sheet(Row row) {
        Double[] raw = row.getArrayOfDoubles("raw_scores");
        if (raw != null) {
            Short[] stored = row.getArrayOfShorts("confidences");
            double[] scores = new double[raw.length];
            int[] confidences = new int[stored.length];
            for (int i = 0; i < raw.length; i++) {
                scores[i] = raw[i];
                confidences[i] = stored[i];
            }
            return Scoring.fromFacets(scores, confidences);
        }
        String[] facets = row.getArrayOfStrings("ev_facets");
        if (facets == null) {
            return EMPTY;
        }
        return aggregate(facets, row.getArrayOfShorts("ev_scores"), row.getArrayOfShorts("ev_confidences"));
    }

    /**
     * Takes the session's score-sheet lock for the rest of {@code tx}. A transaction that will change a session's
     * evidence takes it first, before it touches the evidence (whose trigger drops the stored sheet), so that concurrent
     * writers of one session queue on this lock alone and never wait on each other's sheet row the other way round.
     */
    public Uni<Void> lock(SqlConnection tx, UUID sessionId) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1::uuid::text, 7))").execute(Tuple.of(sessionId))
                .replaceWithVoid();
    }

    /**
     * Recomputes and stores the session's sheet on a transaction that holds {@link #lock} and has just changed the
     * evidence. The rows are read after the lock was taken, so the last committed sheet includes every committed row.
     */
    public Uni<Void> refresh(SqlConnection tx, UUID sessionId) {
        return tx.preparedQuery("""
                SELECT array_agg(facet ORDER BY created_at, id) AS facets, array_agg(score ORDER BY created_at, id) AS scores,
                       array_agg(confidence ORDER BY created_at, id) AS confidences, count(*) AS n
                FROM facet_evidence WHERE session_id = $1""").execute(Tuple.of(sessionId))
                .flatMap(rows -> {
                    Row row = rows.iterator().next();
                    String[] facets = row.getArrayOfStrings("facets");
                    ScoreSheet sheet = facets == null ? EMPTY
                            : aggregate(facets, row.getArrayOfShorts("scores"), row.getArrayOfShorts("confidences"));
                    Double[] raw = sheet.facets().stream().map(FacetScore::rawScore).toArray(Double[]::new);
                    Short[] confidences = sheet.facets().stream().map(f -> (short) f.confidence()).toArray(Short[]::new);
                    return tx.preparedQuery("""
                            INSERT INTO score_sheet (session_id, raw_scores, confidences, evidence_count, updated_at)
                            VALUES ($1, $2, $3, $4, now())
                            ON CONFLICT (session_id) DO UPDATE SET raw_scores = EXCLUDED.raw_scores,
                                confidences = EXCLUDED.confidences, evidence_count = EXCLUDED.evidence_count,
                                updated_at = EXCLUDED.updated_at""")
                            .execute(Tuple.of(sessionId, raw, confidences, row.getLong("n").intValue()));
                })
                .replaceWithVoid();
    }

    private static ScoreSheet aggregate(String[] facets, Short[] scores, Short[] confidences) {
        Map<Facet, List<EvidencePoint>> byFacet = new EnumMap<>(Facet.class);
        for (int i = 0; i < facets.length; i++) {
            int score = scores[i];
            int confidence = confidences[i];
            Facet.fromApiName(facets[i]).ifPresent(facet -> byFacet.computeIfAbsent(facet, f -> new ArrayList<>())
                    .add(new EvidencePoint(score, confidence)));
        }
        return Scoring.compute(byFacet);
    }

    /**
     * {@code offline} when any analysis of the session ran on the offline analyzer (a deterministic lexicon matcher, not
     * an AI; its scores are only illustrative), {@code online} when its analyses all ran on a model; with no analysis
     * yet, the mode the analyzer runs in now ({@code analyzerOffline}).
     */
    Uni<String> analysisMode(UUID sessionId, boolean analyzerOffline) {
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
    public static Set<Facet> explored(ScoreSheet sheet) {
        Set<Facet> explored = EnumSet.noneOf(Facet.class);
        sheet.facets().stream().filter(f -> f.confidence() > 0).forEach(f -> explored.add(f.facet()));
        return explored;
    }

    public Archetype archetype(ScoreSheet sheet) {
        return archetypes.forCode4(sheet.oceanCode4());
    }
}
