package dev.bigocean.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The scoring rules of domain.md §2–4: facet aggregation, trait totals, levels and OCEAN codes. */
public final class Scoring {

    /** Score of a facet without usable evidence. */
    static final double DEFAULT_FACET_SCORE = 10.0;
    /** Population variance of row scores above which evidence counts as contradictory. */
    static final double CONTRADICTION_VARIANCE = 15.0;
    /** Confidence penalty for contradictory evidence. */
    static final int CONTRADICTION_PENALTY = 30;
    /* The scales of the decimals round() takes its fast path for. */
    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1000};

    private Scoring() {
    }

    /**
     * Aggregates one facet's evidence rows, given in creation order (ties broken by id).
     * Row i weighs {@code (confidence/100) × (1 + 0.1 i)}; no rows or all-zero weights give score 10.
     * Confidence is the mean row confidence, minus 30 if the population variance of the scores exceeds 15,
     * clamped to 0–100 and rounded; no rows give confidence 0.
     */
    static FacetScore aggregate(Facet facet, List<EvidencePoint> ordered) {
        List<EvidencePoint> rows = ordered == null ? List.of() : ordered;
        if (rows.isEmpty()) {
            return new FacetScore(facet, DEFAULT_FACET_SCORE, DEFAULT_FACET_SCORE, 0);
        }
        double weighted = 0, weights = 0, scoreSum = 0, confidenceSum = 0;
        for (int i = 0; i < rows.size(); i++) {
            EvidencePoint row = rows.get(i);
            double w = (row.confidence() / 100.0) * (1 + 0.1 * i);
            weighted += w * row.score();
            weights += w;
            scoreSum += row.score();
            confidenceSum += row.confidence();
        }
        double raw = weights > 0 ? weighted / weights : DEFAULT_FACET_SCORE;

        int n = rows.size();
        double mean = scoreSum / n;
        double variance = rows.stream().mapToDouble(r -> (r.score() - mean) * (r.score() - mean)).sum() / n;
        double confidence = confidenceSum / n - (variance > CONTRADICTION_VARIANCE ? CONTRADICTION_PENALTY : 0);
        int clamped = (int) Math.round(Math.max(0, Math.min(100, confidence)));
        return new FacetScore(facet, raw, round(raw, 1), clamped);
    }

    /** Scores a whole assessment; a facet missing from the map (or mapped to null) has no evidence. */
    public static ScoreSheet compute(Map<Facet, List<EvidencePoint>> evidenceByFacet) {
        Map<Facet, List<EvidencePoint>> evidence = evidenceByFacet == null ? Map.of() : evidenceByFacet;
        List<FacetScore> facets = new ArrayList<>();
        for (Facet f : Facet.values()) {
            facets.add(aggregate(f, evidence.get(f)));
        }
        return sheet(facets);
    }

    /**
     * The sheet of stored facet aggregates: the unrounded score and the confidence of each facet in canonical order,
     * as {@link FacetScore#rawScore()} and {@link FacetScore#confidence()} of {@link #compute} give them.
     */
    public static ScoreSheet fromFacets(double[] rawScores, int[] confidences) {
        if (rawScores.length != Facet.values().length || confidences.length != Facet.values().length) {
            throw new IllegalArgumentException("a score sheet needs 30 facet scores and confidences");
        }
        List<FacetScore> facets = new ArrayList<>();
        for (Facet f : Facet.values()) {
            double raw = rawScores[f.ordinal()];
            facets.add(new FacetScore(f, raw, round(raw, 1), confidences[f.ordinal()]));
        }
        return sheet(facets);
    }

    private static ScoreSheet sheet(List<FacetScore> facets) {
        List<TraitScore> traits = new ArrayList<>();
        StringBuilder code5 = new StringBuilder();
        for (Trait t : Trait.values()) {
            List<FacetScore> own = t.facets().stream().map(f -> facets.get(f.ordinal())).toList();
            double raw = own.stream().mapToDouble(FacetScore::rawScore).sum();
            int min = own.stream().mapToInt(FacetScore::confidence).min().orElse(0);
            double meanConfidence = own.stream().mapToInt(FacetScore::confidence).average().orElse(0);
            Level level = Level.of(raw);
            traits.add(new TraitScore(t, raw, round(raw, 1), level, min, round(meanConfidence / 100, 2)));
            code5.append(level.letter());
        }
        StringBuilder code4 = new StringBuilder();
        traits.subList(0, 4).forEach(t -> code4.append(t.level().digit()));
        int overall = (int) Math.round(facets.stream().mapToInt(FacetScore::confidence).average().orElse(0));
        return new ScoreSheet(facets, traits, code5.toString(), code4.toString(), overall);
    }

    /**
     * Half-up rounding on the decimal representation of {@code x} (away from zero on a tie, never -0.0). Every read
     * rounds about forty scores, so the exact decimal arithmetic runs only where it can decide differently from the
     * binary value: near a tie, for huge values and for more than three decimals.
     */
    static double round(double x, int decimals) {
        if (decimals >= 0 && decimals < POWERS_OF_TEN.length && Double.isFinite(x)) {
            double power = POWERS_OF_TEN[decimals];
            double scaled = Math.abs(x) * power;
            double whole = Math.floor(scaled);
            double fraction = scaled - whole;
            // The decimal representation lies within an ulp of x, far less than this margin from a tie.
            if (scaled < 1e9 && Math.abs(fraction - 0.5) > 1e-6) {
                // An integer over a power of ten: the division gives the double nearest that decimal, as doubleValue().
                double rounded = (fraction > 0.5 ? whole + 1 : whole) / power;
                return rounded == 0 ? 0.0 : Math.copySign(rounded, x);
            }
        }
        return BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
