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
     * scan (the condition on {@code sc} is constant for the lateral subquery, so with a sheet PostgreSQL skips it). The
     * rows are sorted once, in a subquery the aggregates read in order, rather than once per aggregate.
     */
    public static final String SHEET_JOIN = """
            LEFT JOIN score_sheet sc ON sc.session_id = s.id
            LEFT JOIN LATERAL (
                SELECT array_agg(e.facet) AS facets, array_agg(e.score) AS scores, array_agg(e.confidence) AS confidences
                FROM (SELECT facet, score, confidence FROM facet_evidence
                      WHERE session_id = s.id AND sc.session_id IS NULL ORDER BY created_at, id) e) ev ON true""";

    /**
     * Whether the session's analyses ran on the offline analyzer, for a query that joins {@link #SHEET_JOIN}: as the
     * stored sheet says, or (no sheet, or one stored before the sheet kept it) as its finished analysis jobs say; null
     * when none has finished.
     */
    public static final String OFFLINE_ANALYSIS = "COALESCE(sc.offline_analysis, " + offlineAnalysisOf("s.id") + ")";

    /** A session's sheet ({@code $1}, its 30 raw scores and confidences, its evidence count), replacing any stored. */
    private static final String STORE = """
            INSERT INTO score_sheet (session_id, raw_scores, confidences, evidence_count, updated_at, offline_analysis)
            VALUES ($1, $2, $3, $4, now(), %s)
            ON CONFLICT (session_id) DO UPDATE SET raw_scores = EXCLUDED.raw_scores, confidences = EXCLUDED.confidences,
                evidence_count = EXCLUDED.evidence_count, updated_at = EXCLUDED.updated_at,
                offline_analysis = EXCLUDED.offline_analysis""".formatted(offlineAnalysisOf("$1"));
    private static final String ANALYSED = "UPDATE score_sheet SET offline_analysis = " + offlineAnalysisOf("$1")
            + " WHERE session_id = $1";
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

    /**
     * A session's 30 facet aggregates in canonical order, as {@code score_sheet} stores them: the unrounded score and
     * the confidence of each facet. Everything a sheet says derives from these ({@link Scoring#fromFacets}).
     */
    public record Facets(double[] rawScores, int[] confidences) {

        static Facets of(ScoreSheet sheet) {
            return new Facets(sheet.facets().stream().mapToDouble(FacetScore::rawScore).toArray(),
                    sheet.facets().stream().mapToInt(FacetScore::confidence).toArray());
        }

        public ScoreSheet sheet() {
            return Scoring.fromFacets(rawScores, confidences);
        }
    }

    /** The sheet from a row that selected {@link #SHEET_COLUMNS}. */
    public static ScoreSheet sheet(Row row) {
        Facets stored = stored(row);
        return stored != null ? stored.sheet() : aggregated(row);
    }

    /** The facet aggregates from a row that selected {@link #SHEET_COLUMNS}. */
    public static Facets facets(Row row) {
        Facets stored = stored(row);
        return stored != null ? stored : Facets.of(aggregated(row));
    }

    /** The stored sheet's aggregates, or null when the row has none. */
    private static Facets stored(Row row) {
        Double[] raw = row.getArrayOfDoubles("raw_scores");
        if (raw == null) {
            return null;
        }
        Short[] stored = row.getArrayOfShorts("confidences");
        double[] scores = new double[raw.length];
        int[] confidences = new int[stored.length];
        for (int i = 0; i < raw.length; i++) {
            scores[i] = raw[i];
            confidences[i] = stored[i];
        }
        return new Facets(scores, confidences);
    }

    /** The sheet of the evidence rows the row aggregated when no sheet is stored. */
    private static ScoreSheet aggregated(Row row) {
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
                SELECT array_agg(facet) AS facets, array_agg(score) AS scores, array_agg(confidence) AS confidences,
                       count(*) AS n
                FROM (SELECT facet, score, confidence FROM facet_evidence
                      WHERE session_id = $1 ORDER BY created_at, id) e""")
                .execute(Tuple.of(sessionId))
                .flatMap(rows -> {
                    Row row = rows.iterator().next();
                    String[] facets = row.getArrayOfStrings("facets");
                    ScoreSheet sheet = facets == null ? EMPTY
                            : aggregate(facets, row.getArrayOfShorts("scores"), row.getArrayOfShorts("confidences"));
                    Double[] raw = sheet.facets().stream().map(FacetScore::rawScore).toArray(Double[]::new);
                    Short[] confidences = sheet.facets().stream().map(f -> (short) f.confidence()).toArray(Short[]::new);
                    return tx.preparedQuery(STORE)
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
     * Brings the stored sheet's {@code offline_analysis} up to date after a job of the session finished without evidence
     * (a job with evidence stores it with the sheet, in {@link #refresh}), on the job's transaction. It takes
     * {@link #lock} first, so that a concurrent job's sheet, committed or not, is not written over or missed.
     */
    public Uni<Void> analysed(SqlConnection tx, UUID sessionId) {
        return lock(tx, sessionId).flatMap(locked -> tx.preparedQuery(ANALYSED).execute(Tuple.of(sessionId)))
                .replaceWithVoid();
    }

    /**
     * Whether any finished analysis job of the session {@code sessionId} (an SQL expression) ran on the offline analyzer
     * (a deterministic lexicon matcher whose scores are only illustrative); null when none has finished.
     */
    private static String offlineAnalysisOf(String sessionId) {
        return "(SELECT bool_or(j.model ILIKE 'offline%') FROM analysis_job j WHERE j.session_id = " + sessionId
                + " AND j.status = 'done' AND j.model IS NOT NULL)";
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
