package dev.bigocean.scoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IpipNeoTest {

    /** The inventory's numbering against domain.md §1's canonical facet order, all 30. */
    @ParameterizedTest(name = "{0}{1} -> {2}")
    @CsvSource({
            "N, 1, anxiety", "N, 2, anger", "N, 3, depression", "N, 4, self_consciousness", "N, 5, immoderation",
            "N, 6, vulnerability",
            "E, 1, friendliness", "E, 2, gregariousness", "E, 3, assertiveness", "E, 4, activity_level",
            "E, 5, excitement_seeking", "E, 6, cheerfulness",
            "O, 1, imagination", "O, 2, artistic_interests", "O, 3, emotionality", "O, 4, adventurousness",
            "O, 5, intellect", "O, 6, liberalism",
            "A, 1, trust", "A, 2, morality", "A, 3, altruism", "A, 4, cooperation", "A, 5, modesty", "A, 6, sympathy",
            "C, 1, self_efficacy", "C, 2, orderliness", "C, 3, dutifulness", "C, 4, achievement_striving",
            "C, 5, self_discipline", "C, 6, cautiousness",
    })
    void facetNumbering(String domain, int number, String facet) {
        assertEquals(facet, IpipNeo.facet(domain, number).apiName());
    }

    @ParameterizedTest
    @CsvSource({"X, 1", "N, 0", "N, 7", "'', 1"})
    void invalidCodingIsRefused(String domain, int number) {
        assertThrows(IllegalArgumentException.class, () -> IpipNeo.facet(domain, number));
    }

    @ParameterizedTest(name = "{0} answer {1} -> {2}")
    @CsvSource({"plus, 1, 1", "plus, 3, 3", "plus, 5, 5", "minus, 1, 5", "minus, 2, 4", "minus, 3, 3", "minus, 5, 1"})
    void keys(String keyed, int answer, int score) {
        assertEquals(score, IpipNeo.Key.of(keyed).score(answer));
    }

    @Test
    void answersOutsideTheScaleAndUnknownKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> IpipNeo.Key.PLUS.score(0));
        assertThrows(IllegalArgumentException.class, () -> IpipNeo.Key.MINUS.score(6));
        assertThrows(IllegalArgumentException.class, () -> IpipNeo.Key.of("Plus"));
    }
}
