package dev.bigocean.scoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringTest {

    /** Parses "score:confidence score:confidence …" (creation order); blank means no rows. */
    private static List<EvidencePoint> rows(String spec) {
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        return Arrays.stream(spec.trim().split("\\s+")).map(r -> r.split(":"))
                .map(p -> new EvidencePoint(Integer.parseInt(p[0]), Integer.parseInt(p[1]))).toList();
    }

    private static List<EvidencePoint> single(int score, int confidence) {
        return List.of(new EvidencePoint(score, confidence));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, L", "39.9, L", "39.99, L", "40, M", "40.0001, M", "79.9, M", "79.99, M", "80, H", "120, H"})
    void levelBoundaries(double raw, Level expected) {
        assertEquals(expected, Level.of(raw));
    }

    @ParameterizedTest
    @CsvSource({"L, Low, L, 1", "M, Medium, M, 2", "H, High, H, 3"})
    void levelSpellings(Level level, String word, char letter, int digit) {
        assertEquals(word, level.word());
        assertEquals(letter, level.letter());
        assertEquals(digit, level.digit());
    }

    @ParameterizedTest(name = "[{0}] -> {1} / {2}")
    @CsvSource({
            // worked example: weights 0.8 and 0.88 -> 25.6/1.68 = 15.238; variance 25 > 15 -> 80 - 30
            "'10:80 20:80',  15.2, 50",
            // close scores: variance 0.25, no penalty
            "'15:80 16:80',  15.5, 80",
            // contradiction pushes a low confidence below zero -> clamped to 0
            "'0:20 20:20',   10.5, 0",
            // all weights zero -> neutral score
            "'5:0 18:0',     10.0, 0",
            "'14:65',        14.0, 65",
            // variance 12.25: no penalty; variance 16: penalty
            "'7:80 14:80',   10.7, 80",
            "'6:80 14:80',   10.2, 50",
            // mean confidence 33.5 rounds half-up
            "'10:33 10:34',  10.0, 34",
            // zero-confidence rows still count in the mean confidence but not in the score
            "'12:0 8:60',    8.0,  30",
            "'20:100 20:100 20:100', 20.0, 100",
    })
    void aggregation(String evidence, double score, int confidence) {
        FacetScore fs = Scoring.aggregate(Facet.TRUST, rows(evidence));
        assertEquals(Facet.TRUST, fs.facet());
        assertEquals(score, fs.score());
        assertEquals(confidence, fs.confidence());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noEvidenceIsNeutral(List<EvidencePoint> evidence) {
        FacetScore fs = Scoring.aggregate(Facet.ANGER, evidence);
        assertEquals(10.0, fs.rawScore());
        assertEquals(10.0, fs.score());
        assertEquals(0, fs.confidence());
    }

    @Test
    void laterEvidenceWeighsMore() {
        // weights 1.0 and 1.1: 20/2.1 = 9.52 versus 22/2.1 = 10.48
        FacetScore highFirst = Scoring.aggregate(Facet.INTELLECT, rows("20:100 0:100"));
        FacetScore lowFirst = Scoring.aggregate(Facet.INTELLECT, rows("0:100 20:100"));
        assertEquals(9.5, highFirst.score());
        assertEquals(10.5, lowFirst.score());
        assertEquals(highFirst.confidence(), lowFirst.confidence());
    }

    @Test
    void rawScoreKeepsFullPrecision() {
        FacetScore fs = Scoring.aggregate(Facet.TRUST, rows("10:80 20:80"));
        assertEquals(25.6 / 1.68, fs.rawScore(), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"0.05, 1, 0.1", "15.25, 1, 15.3", "15.249, 1, 15.2", "2.675, 2, 2.68", "0.125, 2, 0.13", "79.95, 1, 80.0"})
    void roundsHalfUpOnTheDecimalValue(double x, int decimals, double expected) {
        assertEquals(expected, Scoring.round(x, decimals));
    }

    @ParameterizedTest
    @CsvSource({"-0.05, 1, -0.1", "-15.249, 1, -15.2", "-0.04, 1, 0.0", "-0.0, 1, 0.0", "-2.675, 2, -2.68"})
    void roundsNegativeValuesAwayFromZeroOnATieAndNeverToMinusZero(double x, int decimals, double expected) {
        assertEquals(expected, Scoring.round(x, decimals)); // assertEquals(double, double) tells 0.0 from -0.0
    }

    @Test
    void roundingAgreesWithDecimalArithmeticOnEveryKindOfValue() {
        Random random = new Random(20261202);
        for (int i = 0; i < 200_000; i++) {
            int decimals = random.nextInt(5);
            double x = switch (i % 4) {
                case 0 -> random.nextDouble() * 120; // trait and facet scores
                case 1 -> (random.nextInt(240_001) - 120_000) / 2000.0; // ties at every place, both signs
                case 2 -> random.nextInt(1001) / 100.0 + 0.005; // a tie one place further
                default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(14)); // tiny to beyond 1e9
            };
            double expected = BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
            assertEquals(expected, Scoring.round(x, decimals), () -> x + " to " + decimals + " decimals");
        }
    }

    @ParameterizedTest
    @CsvSource({"-1, 50", "21, 50", "10, -1", "10, 101"})
    void evidenceOutOfRangeIsRejected(int score, int confidence) {
        assertThrows(IllegalArgumentException.class, () -> new EvidencePoint(score, confidence));
    }

    @Test
    void emptySheetIsAllMedium() {
        ScoreSheet sheet = Scoring.compute(Map.of());
        assertEquals("MMMMM", sheet.oceanCode5());
        assertEquals("2222", sheet.oceanCode4());
        assertEquals(0, sheet.overallConfidence());
        assertEquals(30, sheet.facets().size());
        for (TraitScore t : sheet.traits()) {
            assertEquals(60.0, t.score());
            assertEquals(Level.M, t.level());
            assertEquals(0, t.confidence());
        }
        assertEquals(List.of("openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"),
                List.copyOf(sheet.confidenceMap().keySet()));
        sheet.confidenceMap().values().forEach(v -> assertEquals(0.0, v));
        assertEquals(sheet, Scoring.compute(null));
    }

    @Test
    void storedFacetAggregatesGiveTheSameSheet() {
        Map<Facet, List<EvidencePoint>> evidence = new EnumMap<>(Facet.class);
        Random random = new Random(7);
        for (Facet f : Facet.values()) {
            if (f.ordinal() % 4 != 0) {
                List<EvidencePoint> rows = new java.util.ArrayList<>();
                for (int i = 0; i <= f.ordinal() % 5; i++) {
                    rows.add(new EvidencePoint(random.nextInt(21), random.nextInt(101)));
                }
                evidence.put(f, rows);
            }
        }
        ScoreSheet computed = Scoring.compute(evidence);
        double[] raw = computed.facets().stream().mapToDouble(FacetScore::rawScore).toArray();
        int[] confidences = computed.facets().stream().mapToInt(FacetScore::confidence).toArray();

        assertEquals(computed, Scoring.fromFacets(raw, confidences));
        double[] neutral = new double[30];
        Arrays.fill(neutral, Scoring.DEFAULT_FACET_SCORE);
        assertEquals(Scoring.compute(Map.of()), Scoring.fromFacets(neutral, new int[30]));
        assertThrows(IllegalArgumentException.class, () -> Scoring.fromFacets(new double[29], new int[30]));
    }

    @Test
    void evidenceProducesCodes() {
        Map<Facet, List<EvidencePoint>> evidence = new EnumMap<>(Facet.class);
        Trait.OPENNESS.facets().forEach(f -> evidence.put(f, single(20, 90)));
        Trait.CONSCIENTIOUSNESS.facets().forEach(f -> evidence.put(f, single(0, 90)));
        Trait.NEUROTICISM.facets().forEach(f -> evidence.put(f, single(15, 60)));
        ScoreSheet sheet = Scoring.compute(evidence);

        assertEquals("HLMMH", sheet.oceanCode5());
        assertEquals("3122", sheet.oceanCode4());
        assertEquals(120.0, sheet.trait(Trait.OPENNESS).score());
        assertEquals(0.0, sheet.trait(Trait.CONSCIENTIOUSNESS).score());
        assertEquals(90.0, sheet.trait(Trait.NEUROTICISM).score());
        assertEquals(90, sheet.trait(Trait.OPENNESS).confidence());
        assertEquals(0.9, sheet.confidenceMap().get("openness"));
        assertEquals(0.6, sheet.confidenceMap().get("neuroticism"));
        assertEquals(0.0, sheet.confidenceMap().get("extraversion"));
        assertEquals(Math.round((12 * 90 + 6 * 60) / 30.0), sheet.overallConfidence()); // 48
        assertEquals(20.0, sheet.facet(Facet.LIBERALISM).score());
        assertEquals(Facet.LIBERALISM, sheet.facet(Facet.LIBERALISM).facet());
    }

    @Test
    void traitConfidenceIsMinimumAndRatioIsMean() {
        Map<Facet, List<EvidencePoint>> evidence = new EnumMap<>(Facet.class);
        int[] confidences = {60, 70, 80, 90, 100, 50};
        List<Facet> facets = Trait.AGREEABLENESS.facets();
        for (int i = 0; i < 6; i++) {
            evidence.put(facets.get(i), single(10, confidences[i]));
        }
        evidence.put(Facet.ANXIETY, single(10, 33));
        evidence.put(Facet.ANGER, single(10, 33));
        evidence.put(Facet.DEPRESSION, single(10, 34));
        ScoreSheet sheet = Scoring.compute(evidence);

        assertEquals(50, sheet.trait(Trait.AGREEABLENESS).confidence());
        assertEquals(0.75, sheet.trait(Trait.AGREEABLENESS).confidenceRatio());
        assertEquals(0, sheet.trait(Trait.NEUROTICISM).confidence());
        assertEquals(0.17, sheet.trait(Trait.NEUROTICISM).confidenceRatio()); // 100 / 6 / 100 = 0.1667
        assertEquals(18, sheet.overallConfidence()); // (450 + 100) / 30 = 18.33
    }

    @Test
    void levelComesFromTheUnroundedSum() {
        // 18.952 (two rows) + 12 + 12 + 12 + 12 + 13 = 79.952: shown as 80.0, but still Medium
        Map<Facet, List<EvidencePoint>> evidence = new EnumMap<>(Facet.class);
        List<Facet> o = Trait.OPENNESS.facets();
        evidence.put(o.get(0), rows("20:100 18:100"));
        for (int i = 1; i < 6; i++) {
            evidence.put(o.get(i), single(i == 5 ? 13 : 12, 80));
        }
        // 9.952 (two rows) + 5 × 6 = 39.952: shown as 40.0, but still Low
        List<Facet> a = Trait.AGREEABLENESS.facets();
        evidence.put(a.get(0), rows("11:100 9:100"));
        for (int i = 1; i < 6; i++) {
            evidence.put(a.get(i), single(6, 80));
        }
        ScoreSheet sheet = Scoring.compute(evidence);

        TraitScore openness = sheet.trait(Trait.OPENNESS);
        assertEquals(80.0, openness.score());
        assertTrue(openness.rawScore() < 80);
        assertEquals(Level.M, openness.level());
        TraitScore agreeableness = sheet.trait(Trait.AGREEABLENESS);
        assertEquals(40.0, agreeableness.score());
        assertEquals(Level.L, agreeableness.level());
        assertEquals("MMML", sheet.oceanCode5().substring(0, 4));
        assertEquals("2221", sheet.oceanCode4());
        for (TraitScore t : sheet.traits()) {
            assertEquals(Level.of(t.rawScore()), t.level());
            assertEquals(t.level().letter(), sheet.oceanCode5().charAt(t.trait().ordinal()));
        }
    }

    @Test
    void traitRawScoreSumsUnroundedFacets() {
        // three facets of 15.238 each: the rounded facets would sum to 45.6, the raw ones give 45.7
        Map<Facet, List<EvidencePoint>> evidence = new EnumMap<>(Facet.class);
        List<Facet> e = Trait.EXTRAVERSION.facets();
        for (int i = 0; i < 3; i++) {
            evidence.put(e.get(i), rows("10:80 20:80"));
        }
        for (int i = 3; i < 6; i++) {
            evidence.put(e.get(i), single(0, 80));
        }
        TraitScore t = Scoring.compute(evidence).trait(Trait.EXTRAVERSION);
        assertEquals(3 * 25.6 / 1.68, t.rawScore(), 1e-9);
        assertEquals(45.7, t.score());
    }

    @Test
    void canonicalFacetNames() {
        List<String> expected = List.of(
                "imagination", "artistic_interests", "emotionality", "adventurousness", "intellect", "liberalism",
                "self_efficacy", "orderliness", "dutifulness", "achievement_striving", "self_discipline", "cautiousness",
                "friendliness", "gregariousness", "assertiveness", "activity_level", "excitement_seeking", "cheerfulness",
                "trust", "morality", "altruism", "cooperation", "modesty", "sympathy",
                "anxiety", "anger", "depression", "self_consciousness", "immoderation", "vulnerability");
        assertEquals(expected, Facet.apiNames());
        assertThrows(UnsupportedOperationException.class, () -> Facet.apiNames().add("x"));
        for (Trait t : Trait.values()) {
            List<Facet> facets = t.facets();
            assertEquals(6, facets.size());
            for (int i = 0; i < 6; i++) {
                assertEquals(t, facets.get(i).trait());
                assertEquals(expected.get(t.ordinal() * 6 + i), facets.get(i).apiName());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"imagination, IMAGINATION", "self_consciousness, SELF_CONSCIOUSNESS", "vulnerability, VULNERABILITY"})
    void facetFromApiName(String name, Facet expected) {
        assertEquals(expected, Facet.fromApiName(name).orElseThrow());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Imagination", "IMAGINATION", "self-consciousness", "selfConsciousness", " trust",
            "trust ", "openness", "honesty"})
    void facetFromApiNameRejects(String name) {
        assertTrue(Facet.fromApiName(name).isEmpty());
    }

    @Test
    void traitNames() {
        assertEquals(List.of("openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"),
                Arrays.stream(Trait.values()).map(Trait::apiName).toList());
        assertEquals(Trait.NEUROTICISM, Trait.fromApiName("neuroticism").orElseThrow());
        assertTrue(Trait.fromApiName("Openness").isEmpty());
        assertNotEquals(Trait.OPENNESS.facets(), Trait.NEUROTICISM.facets());
    }
}
