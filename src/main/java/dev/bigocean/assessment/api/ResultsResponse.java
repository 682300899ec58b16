package dev.bigocean.assessment.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code GET /api/assessment/:sessionId/results}. {@code analysisMode} (added to the reference's fields):
 * {@code offline} when the evidence came from the offline lexicon analyzer (illustrative scores, not an AI's),
 * otherwise {@code online}.
 */
public record ResultsResponse(String oceanCode5, String oceanCode4, String archetypeName, String archetypeDescription,
        String archetypeColor, @JsonProperty("isCurated") boolean isCurated, List<Trait> traits, List<Facet> facets,
        int overallConfidence, String analysisMode) {

    public record Trait(String name, double score, String level, int confidence) {
    }

    public record Facet(String name, String traitName, double score, int confidence) {
    }
}
