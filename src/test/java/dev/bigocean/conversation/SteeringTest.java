package dev.bigocean.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.ScoreSheet;
import dev.bigocean.scoring.Scoring;

/** The steering rules of domain.md §5, one at a time. */
class SteeringTest {

    private static final int FACETS = Facet.values().length;

    /** A sheet with every facet at score 10 and the given confidence, {@code base} for the others. */
    private static ScoreSheet sheet(int base, Object... facetAndConfidence) {
        double[] raw = new double[FACETS];
        Arrays.fill(raw, 10);
        int[] confidences = new int[FACETS];
        Arrays.fill(confidences, base);
        for (int i = 0; i < facetAndConfidence.length; i += 2) {
            confidences[((Facet) facetAndConfidence[i]).ordinal()] = (Integer) facetAndConfidence[i + 1];
        }
        return Scoring.fromFacets(raw, confidences);
    }

    private static Set<Facet> allBut(Facet... unexplored) {
        Set<Facet> explored = EnumSet.allOf(Facet.class);
        explored.removeAll(List.of(unexplored));
        return explored;
    }

    @Test
    void anUnexploredFacetComesFirstThenTheLowestConfidence() {
        Facet[] all = Facet.values();
        assertEquals(all[7], Steering.next(sheet(50, all[3], 5), allBut(all[7]), List.of()));
        assertEquals(all[3], Steering.next(sheet(50, all[3], 5, all[9], 6), allBut(), List.of()));
    }

    @Test
    void theSameFocusNeverThreeTurnsRunning() {
        Facet[] all = Facet.values();
        ScoreSheet lowest = sheet(50, all[3], 5);
        assertEquals(all[3], Steering.next(lowest, allBut(), List.of(all[3])));
        Facet next = Steering.next(lowest, allBut(), List.of(all[3], all[3]));
        assertEquals(false, next == all[3]);
    }

    @Test
    void atEqualConfidenceFewerRecentTurnsThenAnotherTraitThenCanonicalOrder() {
        Facet[] all = Facet.values();
        // All equal: the canonical order, unless the facet was focused recently or shares the last focus's trait.
        assertEquals(all[0], Steering.next(sheet(50), allBut(), List.of()));
        Facet recent = all[0];
        Facet sameTrait = Arrays.stream(all).filter(f -> f != recent && f.trait() == recent.trait()).findFirst()
                .orElseThrow();
        Facet otherTrait = Arrays.stream(all).filter(f -> f.trait() != recent.trait()).findFirst().orElseThrow();
        // all[0] was focused within the window (with nulls among the turns): another facet comes first.
        List<Facet> turns = Arrays.asList(otherTrait, null, recent);
        Facet chosen = Steering.next(sheet(50), allBut(), turns);
        assertEquals(false, chosen == recent || chosen == otherTrait);
        // The last focus's trait comes after the others: with only the last turn known, a facet of another trait wins.
        Facet afterLast = Steering.next(sheet(50), allBut(), List.of(sameTrait));
        assertEquals(false, afterLast.trait() == sameTrait.trait());
        // A focus older than the window no longer counts.
        List<Facet> old = Arrays.asList(null, null, null, null, null, null, recent);
        assertEquals(recent, Steering.next(sheet(50), allBut(), old));
    }
}
