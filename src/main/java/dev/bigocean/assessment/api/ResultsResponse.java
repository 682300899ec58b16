package dev.bigocean.assessment.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code GET /api/assessment/:sessionId/results}. Added to the reference's fields: {@code analysisMode}
 * ({@code offline} when the evidence came from the offline lexicon analyzer: illustrative scores, not an AI's;
 * otherwise {@code online}), and {@code questionnaire} and {@code agreement}, null until the session has questionnaire
 * answers.
 */
public record ResultsResponse(
        @Schema(required = true, pattern = "^[LMH]{5}$", description = "Trait levels in O, C, E, A, N order.") String oceanCode5,
        @Schema(required = true, pattern = "^[1-3]{4}$") String oceanCode4,
        @Schema(required = true) String archetypeName,
        @Schema(required = true) String archetypeDescription,
        @Schema(required = true, pattern = "^#[0-9A-Fa-f]{6}$") String archetypeColor,
        @Schema(required = true) @JsonProperty("isCurated") boolean isCurated,
        @Schema(required = true, description = "The five traits in O, C, E, A, N order.") List<Trait> traits,
        @Schema(required = true, description = "The 30 facets in canonical order.") List<Facet> facets,
        @Schema(required = true, minimum = "0", maximum = "100") int overallConfidence,
        @Schema(required = true, enumeration = { "online", "offline" },
                description = "offline: the evidence came from the offline lexicon analyzer; the scores are only illustrative.")
        String analysisMode,
        @Schema(nullable = true, description = "The IPIP-NEO-120 baseline; null until questionnaire answers exist.")
        QuestionnaireScores questionnaire,
        @Schema(nullable = true, description = "Conversation − questionnaire per facet and trait; null without answers.")
        AgreementReport agreement) {

    /** The conversation's results alone (no questionnaire yet). */
    public ResultsResponse(String oceanCode5, String oceanCode4, String archetypeName, String archetypeDescription,
            String archetypeColor, boolean isCurated, List<Trait> traits, List<Facet> facets, int overallConfidence,
            String analysisMode) {
        this(oceanCode5, oceanCode4, archetypeName, archetypeDescription, archetypeColor, isCurated, traits, facets,
                overallConfidence, analysisMode, null, null);
    }

    /** The same results with the questionnaire's scores and their agreement with the conversation. */
    public ResultsResponse withQuestionnaire(QuestionnaireScores questionnaire, AgreementReport agreement) {
        return new ResultsResponse(oceanCode5, oceanCode4, archetypeName, archetypeDescription, archetypeColor, isCurated,
                traits, facets, overallConfidence, analysisMode, questionnaire, agreement);
    }

    @Schema(name = "TraitResult")
    public record Trait(
            @Schema(required = true, enumeration = { "openness", "conscientiousness", "extraversion", "agreeableness",
                    "neuroticism" }) String name,
            @Schema(required = true, minimum = "0", maximum = "120") double score,
            @Schema(required = true, enumeration = { "L", "M", "H" }) String level,
            @Schema(required = true, minimum = "0", maximum = "100") int confidence) {
    }

    @Schema(name = "FacetResult")
    public record Facet(@Schema(required = true) String name,
            @Schema(required = true, enumeration = { "openness", "conscientiousness", "extraversion", "agreeableness",
                    "neuroticism" }) String traitName,
            @Schema(required = true, minimum = "0", maximum = "20") double score,
            @Schema(required = true, minimum = "0", maximum = "100") int confidence) {
    }
}
