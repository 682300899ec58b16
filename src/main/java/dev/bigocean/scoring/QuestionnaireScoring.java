package dev.bigocean.scoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores of the IPIP-NEO-120 questionnaire on the conversation's scales. A facet is scored only when all four of its
 * items are answered: {@code (sum of item scores − 4) × 20 / 16}, 0–20, where minus-keyed items count {@code 6 − answer}.
 * A trait is scored only when all six of its facets are: the sum of their unrounded scores, 0–120, its level by
 * domain.md §4. Partly answered facets and traits are reported as not scored (null), with how many items they have.
 */
public final class QuestionnaireScoring {

    private QuestionnaireScoring() {
    }

    /** One answered item: its facet, its key and the answer 1–5. */
    public record Answer(Facet facet, IpipNeo.Key key, int answer) {
    }

    /**
     * A facet's questionnaire score.
     *
     * @param itemsAnswered 0–4
     * @param rawScore      unrounded, 0–20, null unless all four items are answered
     * @param score         {@code rawScore} rounded half-up to 1 decimal, or null
     */
    public record FacetResult(Facet facet, int itemsAnswered, Double rawScore, Double score) {
    }

    /**
     * A trait's questionnaire score.
     *
     * @param rawScore sum of the six unrounded facet scores, 0–120, null unless all six are scored
     * @param score    {@code rawScore} rounded half-up to 1 decimal, or null
     * @param level    from {@code rawScore}, or null
     */
    public record TraitResult(Trait trait, Double rawScore, Double score, Level level) {
    }

    /**
     * @param itemsAnswered distinct items answered, 0–120
     * @param facets        30, canonical order
     * @param traits        5, O C E A N order
     */
    public record Result(int itemsAnswered, List<FacetResult> facets, List<TraitResult> traits) {

        public Result {
            facets = List.copyOf(facets);
            traits = List.copyOf(traits);
        }

        FacetResult facet(Facet f) {
            return facets.get(f.ordinal());
        }

        TraitResult trait(Trait t) {
            return traits.get(t.ordinal());
        }
    }

    /** The facet score of four item scores (each 1–5, already reversed for minus-keyed items), unrounded. */
    static double facetScore(int sumOfFourItemScores) {
        if (sumOfFourItemScores < IpipNeo.ITEMS_PER_FACET || sumOfFourItemScores > 5 * IpipNeo.ITEMS_PER_FACET) {
            throw new IllegalArgumentException("four item scores sum to 4–20, got " + sumOfFourItemScores);
        }
        return (sumOfFourItemScores - IpipNeo.ITEMS_PER_FACET) * 20.0 / 16.0;
    }

    /** Scores a set of answers, one per distinct item (the caller keeps the latest answer of each item). */
    public static Result score(Collection<Answer> answers) {
        Map<Facet, int[]> perFacet = new EnumMap<>(Facet.class); // {items, sum}
        for (Answer a : answers) {
            int[] acc = perFacet.computeIfAbsent(a.facet(), f -> new int[2]);
            acc[0]++;
            acc[1] += a.key().score(a.answer());
        }
        List<FacetResult> facets = new ArrayList<>();
        for (Facet f : Facet.values()) {
            int[] acc = perFacet.getOrDefault(f, new int[2]);
            if (acc[0] > IpipNeo.ITEMS_PER_FACET) {
                throw new IllegalArgumentException(f.apiName() + " has more than four answered items");
            }
            Double raw = acc[0] == IpipNeo.ITEMS_PER_FACET ? facetScore(acc[1]) : null;
            facets.add(new FacetResult(f, acc[0], raw, raw == null ? null : Scoring.round(raw, 1)));
        }
        List<TraitResult> traits = new ArrayList<>();
        for (Trait t : Trait.values()) {
            List<FacetResult> own = t.facets().stream().map(f -> facets.get(f.ordinal())).toList();
            if (own.stream().allMatch(f -> f.rawScore() != null)) {
                double raw = own.stream().mapToDouble(FacetResult::rawScore).sum();
                traits.add(new TraitResult(t, raw, Scoring.round(raw, 1), Level.of(raw)));
            } else {
                traits.add(new TraitResult(t, null, null, null));
            }
        }
        return new Result(answers.size(), facets, traits);
    }
}
