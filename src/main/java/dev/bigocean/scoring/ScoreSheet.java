package dev.bigocean.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything derived from one assessment's evidence: 30 facet scores, 5 trait scores and the codes.
 *
 * @param facets            30, canonical order
 * @param traits            5, O C E A N order
 * @param oceanCode5        the five level letters, e.g. {@code HHMHM}
 * @param oceanCode4        the first four levels as digits, e.g. {@code 3323} (the archetype key)
 * @param overallConfidence rounded mean of the 30 facet confidences, 0–100
 */
public record ScoreSheet(List<FacetScore> facets, List<TraitScore> traits, String oceanCode5, String oceanCode4,
                         int overallConfidence) {

    public ScoreSheet {
        facets = List.copyOf(facets);
        traits = List.copyOf(traits);
        if (facets.size() != Facet.values().length || traits.size() != Trait.values().length) {
            throw new IllegalArgumentException("a score sheet needs 30 facets and 5 traits");
        }
        for (int i = 0; i < facets.size(); i++) {
            if (facets.get(i).facet().ordinal() != i) {
                throw new IllegalArgumentException("facets must be in canonical order");
            }
        }
        for (int i = 0; i < traits.size(); i++) {
            if (traits.get(i).trait().ordinal() != i) {
                throw new IllegalArgumentException("traits must be in O, C, E, A, N order");
            }
        }
    }

    /** Trait API name → confidence ratio (0–1, 2 decimals), in O, C, E, A, N order. */
    public Map<String, Double> confidenceMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        traits.forEach(t -> map.put(t.trait().apiName(), t.confidenceRatio()));
        return map;
    }

    /** The score of one facet. */
    FacetScore facet(Facet f) {
        return facets.get(f.ordinal());
    }

    /** The score of one trait. */
    TraitScore trait(Trait t) {
        return traits.get(t.ordinal());
    }
}
