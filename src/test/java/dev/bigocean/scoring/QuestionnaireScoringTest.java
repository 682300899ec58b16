package dev.bigocean.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.bigocean.scoring.IpipNeo.Key.MINUS;
import static dev.bigocean.scoring.IpipNeo.Key.PLUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuestionnaireScoringTest {

    /** "+5 -1 +3 -4": four items of one facet, key and answer each. */
    private static List<QuestionnaireScoring.Answer> items(Facet facet, String spec) {
        return Arrays.stream(spec.trim().split("\\s+"))
                .map(s -> new QuestionnaireScoring.Answer(facet, s.charAt(0) == '+' ? PLUS : MINUS,
                        Integer.parseInt(s.substring(1))))
                .toList();
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource({
            // all "Very Accurate" on plus-keyed items: the top of the scale
            "'+5 +5 +5 +5', 20.0",
            "'+1 +1 +1 +1', 0.0",
            "'+3 +3 +3 +3', 10.0",
            // "Very Accurate" on minus-keyed items counts 1: the bottom
            "'-5 -5 -5 -5', 0.0",
            "'-1 -1 -1 -1', 20.0",
            // mixed keys: 5 + (6-1) + 3 + (6-4) = 15 -> (15-4) x 1.25 = 13.75 -> 13.8 (half-up)
            "'+5 -1 +3 -4', 13.8",
            // 4 + 4 + (6-2) + 2 = 14 -> 12.5
            "'+4 +4 -2 +2', 12.5",
            // sum 5 -> 1.25 -> 1.3
            "'+2 +1 +1 +1', 1.3",
    })
    void facetScores(String spec, double expected) {
        QuestionnaireScoring.Result result = QuestionnaireScoring.score(items(Facet.TRUST, spec));
        assertEquals(expected, result.facet(Facet.TRUST).score());
        assertEquals(4, result.facet(Facet.TRUST).itemsAnswered());
        assertEquals(4, result.itemsAnswered());
    }

    @ParameterizedTest
    @CsvSource({"4, 0.0", "8, 5.0", "12, 10.0", "15, 13.75", "20, 20.0"})
    void theFormula(int sum, double raw) {
        assertEquals(raw, QuestionnaireScoring.facetScore(sum));
    }

    @Test
    void sumsOutsideFourItemsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> QuestionnaireScoring.facetScore(3));
        assertThrows(IllegalArgumentException.class, () -> QuestionnaireScoring.facetScore(21));
    }

    @Test
    void partialFacetsAndTraitsAreNotScored() {
        List<QuestionnaireScoring.Answer> answers = new ArrayList<>(items(Facet.ANXIETY, "+5 +5 +5"));
        answers.addAll(items(Facet.ANGER, "+2 +2 +2 +2"));
        QuestionnaireScoring.Result result = QuestionnaireScoring.score(answers);
        assertEquals(7, result.itemsAnswered());
        assertEquals(3, result.facet(Facet.ANXIETY).itemsAnswered());
        assertNull(result.facet(Facet.ANXIETY).score());
        assertEquals(5.0, result.facet(Facet.ANGER).score()); // sum 8 -> (8-4) x 1.25
        assertEquals(0, result.facet(Facet.TRUST).itemsAnswered());
        assertNull(result.facet(Facet.TRUST).score());
        // neuroticism has one scored facet out of six: not scored
        assertNull(result.trait(Trait.NEUROTICISM).score());
        assertNull(result.trait(Trait.NEUROTICISM).level());
        assertEquals(30, result.facets().size());
        assertEquals(5, result.traits().size());
    }

    @ParameterizedTest(name = "six facets of {0} each {1} -> trait {2} {3}")
    @CsvSource({
            // all "Very Accurate" on plus-keyed items: 6 x 20 = 120, High
            "'+5 +5 +5 +5', 120.0, H",
            "'+1 +1 +1 +1', 0.0,   L",
            // 6 x 6.25 = 37.5 -> L; 6 x 7.5 = 45 -> M; 6 x 13.75 = 82.5 -> H; 6 x 12.5 = 75 -> M
            "'+2 +2 +2 +3', 37.5,  L",
            "'+2 +2 +3 +3', 45.0,  M",
            "'+5 -1 +3 -4', 82.5,  H",
            "'+4 +4 -2 +2', 75.0,  M",
    })
    void traitScores(String perFacet, double score, Level level) {
        List<QuestionnaireScoring.Answer> answers = new ArrayList<>();
        Trait.CONSCIENTIOUSNESS.facets().forEach(f -> answers.addAll(items(f, perFacet)));
        QuestionnaireScoring.Result result = QuestionnaireScoring.score(answers);
        assertEquals(score, result.trait(Trait.CONSCIENTIOUSNESS).score());
        assertEquals(level, result.trait(Trait.CONSCIENTIOUSNESS).level());
        assertNull(result.trait(Trait.OPENNESS).score());
    }

    @Test
    void traitLevelsComeFromUnroundedSums() {
        // five facets at 6.25 and one at 8.75: 31.25 + 8.75 = 40.0 exactly -> M (the boundary)
        List<QuestionnaireScoring.Answer> answers = new ArrayList<>();
        List<Facet> facets = Trait.AGREEABLENESS.facets();
        for (int i = 0; i < 5; i++) {
            answers.addAll(items(facets.get(i), "+2 +2 +2 +3"));
        }
        answers.addAll(items(facets.get(5), "+3 +3 +3 +2"));
        QuestionnaireScoring.Result result = QuestionnaireScoring.score(answers);
        assertEquals(40.0, result.trait(Trait.AGREEABLENESS).score());
        assertEquals(Level.M, result.trait(Trait.AGREEABLENESS).level());
    }

    @Test
    void moreThanFourItemsInAFacetIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> QuestionnaireScoring.score(items(Facet.TRUST, "+1 +1 +1 +1 +1")));
    }
}
