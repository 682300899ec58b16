package dev.bigocean.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * How far the conversation's scores agree with the questionnaire's. Per facet and per trait the difference is
 * conversation − questionnaire, rounded to 1 decimal, and the label is decided on that rounded difference (so a label
 * never disagrees with the number shown):
 * <ul>
 * <li>{@code not_enough_evidence}: the questionnaire did not score it (items missing), or the conversation's
 * confidence in it is below {@link #MIN_CONFIDENCE};</li>
 * <li>{@code agree}: |difference| ≤ {@link #FACET_TOLERANCE} on a facet (0–20), ≤ {@link #TRAIT_TOLERANCE} on a trait
 * (0–120, six facets' worth);</li>
 * <li>{@code differ}: otherwise.</li>
 * </ul>
 * The overall figure is the share of compared facets (those not {@code not_enough_evidence}) that agree.
 */
public final class Agreement {

    /** Facet difference (0–20 scale) still counted as agreement: 15 % of the scale, about two answer steps on one item. */
    static final double FACET_TOLERANCE = 3.0;
    /** Trait difference (0–120 scale) still counted as agreement: the facet tolerance times six. */
    static final double TRAIT_TOLERANCE = 6 * FACET_TOLERANCE;
    /** Conversation confidence (0–100) below which a facet or trait has too little evidence to compare. */
    static final int MIN_CONFIDENCE = 50;

    private Agreement() {
    }

    public enum Label {
        AGREE("agree"), DIFFER("differ"), NOT_ENOUGH_EVIDENCE("not_enough_evidence");

        private final String apiName;

        Label(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }
    }

    /** A conversation score as shown in the results, with its confidence 0–100. */
    public record Observed(double score, int confidence) {
    }

    /**
     * @param conversation  the conversation's score
     * @param questionnaire the questionnaire's score (1 decimal), null when not scored
     * @param difference    conversation − questionnaire, 1 decimal, null when not scored
     */
    public record Compared(double conversation, Double questionnaire, Double difference, Label label) {
    }

    /**
     * @param facets                 30, canonical order
     * @param traits                 5, O C E A N order
     * @param facetsCompared         facets with both scores and enough conversation evidence
     * @param facetsAgreeing         of those, labelled {@code agree}
     * @param overallAgreement       100 × agreeing / compared, rounded; null when nothing was compared
     * @param meanAbsoluteDifference mean |difference| of the compared facets, 1 decimal; null when nothing was compared
     */
    public record Report(List<Compared> facets, List<Compared> traits, int facetsCompared, int facetsAgreeing,
            Integer overallAgreement, Double meanAbsoluteDifference) {

        public Report {
            facets = List.copyOf(facets);
            traits = List.copyOf(traits);
        }

        public Compared facet(Facet f) {
            return facets.get(f.ordinal());
        }

        public Compared trait(Trait t) {
            return traits.get(t.ordinal());
        }
    }

    /**
     * Compares 30 conversation facets (canonical order) and 5 traits (O C E A N order) with the questionnaire.
     */
    public static Report compare(List<Observed> facets, List<Observed> traits, QuestionnaireScoring.Result questionnaire) {
        if (facets.size() != Facet.values().length || traits.size() != Trait.values().length) {
            throw new IllegalArgumentException("agreement needs 30 facets and 5 traits");
        }
        List<Compared> facetRows = new ArrayList<>();
        int compared = 0, agreeing = 0;
        double absolute = 0;
        for (Facet f : Facet.values()) {
            Compared c = compare(facets.get(f.ordinal()), questionnaire.facet(f).score(), FACET_TOLERANCE);
            facetRows.add(c);
            if (c.label() != Label.NOT_ENOUGH_EVIDENCE) {
                compared++;
                absolute += Math.abs(c.difference());
                if (c.label() == Label.AGREE) {
                    agreeing++;
                }
            }
        }
        List<Compared> traitRows = new ArrayList<>();
        for (Trait t : Trait.values()) {
            traitRows.add(compare(traits.get(t.ordinal()), questionnaire.trait(t).score(), TRAIT_TOLERANCE));
        }
        return new Report(facetRows, traitRows, compared, agreeing,
                compared == 0 ? null : (int) Math.round(100.0 * agreeing / compared),
                compared == 0 ? null : Scoring.round(absolute / compared, 1));
    }

    static Compared compare(Observed conversation, Double questionnaire, double tolerance) {
        if (questionnaire == null) {
            return new Compared(conversation.score(), null, null, Label.NOT_ENOUGH_EVIDENCE);
        }
        double difference = Scoring.round(conversation.score() - questionnaire, 1);
        Label label = conversation.confidence() < MIN_CONFIDENCE ? Label.NOT_ENOUGH_EVIDENCE
                : Math.abs(difference) <= tolerance ? Label.AGREE : Label.DIFFER;
        return new Compared(conversation.score(), questionnaire, difference, label);
    }
}
