package dev.bigocean.conversation;

import java.util.Comparator;
import java.util.List;

import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.FacetScore;
import dev.bigocean.scoring.ScoreSheet;

/**
 * Picks the facet Nerin should steer towards next (domain.md §5): never-explored facets first, then the lowest
 * confidence; never the same focus more than two turns running; spread across traits (a facet of the trait just
 * explored, or one focused recently, comes after the others); canonical order breaks remaining ties.
 */
final class Steering {

    /** How many recent turns count as "recently focused". */
    static final int RECENT_WINDOW = 6;

    private Steering() {
    }

    /**
     * @param sheet the current scores
     * @param explored facets that have at least one evidence row
     * @param recentFocus the focus of previous turns, most recent first (nulls allowed)
     */
    static Facet next(ScoreSheet sheet, java.util.Set<Facet> explored, List<Facet> recentFocus) {
        Facet last = recentFocus.isEmpty() ? null : recentFocus.get(0);
        boolean twiceRunning = recentFocus.size() >= 2 && last != null && last == recentFocus.get(1);
        int[] recentTurns = new int[Facet.values().length]; // turns of the recent window focused on each facet
        for (Facet focus : recentFocus.subList(0, Math.min(RECENT_WINDOW, recentFocus.size()))) {
            if (focus != null) {
                recentTurns[focus.ordinal()]++;
            }
        }
        Comparator<FacetScore> order = Comparator
                .comparing((FacetScore f) -> explored.contains(f.facet()))
                .thenComparingInt(FacetScore::confidence)
                .thenComparingInt(f -> recentTurns[f.facet().ordinal()])
                .thenComparing(f -> last != null && f.facet().trait() == last.trait())
                .thenComparingInt(f -> f.facet().ordinal());
        return sheet.facets().stream()
                .filter(f -> !(twiceRunning && f.facet() == last))
                .min(order)
                .map(FacetScore::facet)
                .orElseThrow();
    }
}
