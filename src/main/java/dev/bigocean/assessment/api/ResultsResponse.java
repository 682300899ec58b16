package dev.bigocean.assessment.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.bigocean.questionnaire.api.AgreementReport;
import dev.bigocean.questionnaire.api.QuestionnaireScores;

/**
 * Body of {@code GET /api/assessment/:sessionId/results}. {@code questionnaire} and {@code agreement} are null until
 * the session has questionnaire answers.
 */
public record ResultsResponse(String oceanCode5, String oceanCode4, String archetypeName, String archetypeDescription,
        String archetypeColor, @JsonProperty("isCurated") boolean isCurated, List<Trait> traits, List<Facet> facets,
        int overallConfidence, QuestionnaireScores questionnaire, AgreementReport agreement) {

    /** The conversation's results alone (no questionnaire yet). */
    public ResultsResponse(String oceanCode5, String oceanCode4, String archetypeName, String archetypeDescription,
            String archetypeColor, boolean isCurated, List<Trait> traits, List<Facet> facets, int overallConfidence) {
        this(oceanCode5, oceanCode4, archetypeName, archetypeDescription, archetypeColor, isCurated, traits, facets,
                overallConfidence, null, null);
    }

    /** The same results with the questionnaire's scores and their agreement with the conversation. */
    public ResultsResponse withQuestionnaire(QuestionnaireScores questionnaire, AgreementReport agreement) {
        return new ResultsResponse(oceanCode5, oceanCode4, archetypeName, archetypeDescription, archetypeColor, isCurated,
                traits, facets, overallConfidence, questionnaire, agreement);
    }

    public record Trait(String name, double score, String level, int confidence) {
    }

    public record Facet(String name, String traitName, double score, int confidence) {
    }
}
