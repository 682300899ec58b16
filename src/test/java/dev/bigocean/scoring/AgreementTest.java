package dev.bigocean.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.bigocean.scoring.Agreement.Label.AGREE;
import static dev.bigocean.scoring.Agreement.Label.DIFFER;
import static dev.bigocean.scoring.Agreement.Label.NOT_ENOUGH_EVIDENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AgreementTest {

    @ParameterizedTest(name = "conversation {0} (confidence {1}) vs questionnaire {2} -> {3} {4}")
    @CsvSource({
            "13.0, 80, 10.0, 3.0,  AGREE",
            "7.0,  80, 10.0, -3.0, AGREE",
            "13.1, 80, 10.0, 3.1,  DIFFER",
            // 13.3 - 10.25 = 3.05 -> shown 3.1 -> differ (the label follows the shown difference)
            "13.3, 80, 10.25, 3.1, DIFFER",
            "2.0,  90, 18.8, -16.8, DIFFER",
            "10.0, 50, 10.0, 0.0,  AGREE",
            // too little conversation evidence: the difference is shown, the label says so
            "10.0, 49, 10.0, 0.0,  NOT_ENOUGH_EVIDENCE",
            "10.0, 0,  20.0, -10.0, NOT_ENOUGH_EVIDENCE",
    })
    void facets(double conversation, int confidence, double questionnaire, double difference, Agreement.Label label) {
        Agreement.Compared c = Agreement.compare(new Agreement.Observed(conversation, confidence), questionnaire,
                Agreement.FACET_TOLERANCE);
        assertEquals(difference, c.difference());
        assertEquals(label, c.label());
    }

    @Test
    void anUnscoredQuestionnaireFacetHasNoDifference() {
        Agreement.Compared c = Agreement.compare(new Agreement.Observed(12.0, 90), null, Agreement.FACET_TOLERANCE);
        assertNull(c.difference());
        assertNull(c.questionnaire());
        assertEquals(NOT_ENOUGH_EVIDENCE, c.label());
    }

    @ParameterizedTest
    @CsvSource({"78.0, 60.0, AGREE", "79.0, 60.0, DIFFER", "42.0, 60.0, AGREE", "41.9, 60.0, DIFFER"})
    void traitsUseSixTimesTheFacetTolerance(double conversation, double questionnaire, Agreement.Label label) {
        assertEquals(label, Agreement.compare(new Agreement.Observed(conversation, 70), questionnaire,
                Agreement.TRAIT_TOLERANCE).label());
    }

    @Test
    void report() {
        // Conversation: every facet 12.0 at confidence 70, except trust (confidence 20) and anxiety (score 18.0).
        List<Agreement.Observed> facets = new ArrayList<>(Collections.nCopies(30, new Agreement.Observed(12.0, 70)));
        facets.set(Facet.TRUST.ordinal(), new Agreement.Observed(12.0, 20));
        facets.set(Facet.ANXIETY.ordinal(), new Agreement.Observed(18.0, 70));
        List<Agreement.Observed> traits = new ArrayList<>(Collections.nCopies(5, new Agreement.Observed(72.0, 70)));
        traits.set(Trait.AGREEABLENESS.ordinal(), new Agreement.Observed(72.0, 20));
        // Questionnaire: agreeableness and neuroticism answered completely, "+4 +3 +3 +3" (13 -> 11.25) per facet.
        List<QuestionnaireScoring.Answer> answers = new ArrayList<>();
        for (Trait t : List.of(Trait.AGREEABLENESS, Trait.NEUROTICISM)) {
            for (Facet f : t.facets()) {
                answers.add(new QuestionnaireScoring.Answer(f, IpipNeo.Key.PLUS, 4));
                for (int i = 0; i < 3; i++) {
                    answers.add(new QuestionnaireScoring.Answer(f, IpipNeo.Key.MINUS, 3));
                }
            }
        }
        Agreement.Report report = Agreement.compare(facets, traits, QuestionnaireScoring.score(answers));

        assertEquals(0.7, report.facet(Facet.ALTRUISM).difference()); // 12.0 - 11.3
        assertEquals(AGREE, report.facet(Facet.ALTRUISM).label());
        assertEquals(NOT_ENOUGH_EVIDENCE, report.facet(Facet.TRUST).label());
        assertEquals(6.7, report.facet(Facet.ANXIETY).difference());
        assertEquals(DIFFER, report.facet(Facet.ANXIETY).label());
        assertEquals(NOT_ENOUGH_EVIDENCE, report.facet(Facet.IMAGINATION).label());
        // 11 facets compared (12 answered, trust lacks evidence), 10 agree
        assertEquals(11, report.facetsCompared());
        assertEquals(10, report.facetsAgreeing());
        assertEquals(91, report.overallAgreement());
        // (10 x 0.7 + 6.7) / 11 = 1.245... -> 1.2
        assertEquals(1.2, report.meanAbsoluteDifference());
        // traits: neuroticism 72 vs 67.5 (six unrounded 11.25) -> agree; agreeableness lacks evidence; openness not answered
        assertEquals(4.5, report.trait(Trait.NEUROTICISM).difference());
        assertEquals(AGREE, report.trait(Trait.NEUROTICISM).label());
        assertEquals(NOT_ENOUGH_EVIDENCE, report.trait(Trait.AGREEABLENESS).label());
        assertEquals(NOT_ENOUGH_EVIDENCE, report.trait(Trait.OPENNESS).label());
    }

    @Test
    void nothingComparedHasNoOverallFigure() {
        Agreement.Report report = Agreement.compare(Collections.nCopies(30, new Agreement.Observed(10, 90)),
                Collections.nCopies(5, new Agreement.Observed(60, 90)), QuestionnaireScoring.score(List.of()));
        assertEquals(0, report.facetsCompared());
        assertNull(report.overallAgreement());
        assertNull(report.meanAbsoluteDifference());
    }
}
