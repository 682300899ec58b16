package dev.bigocean.profile.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.bigocean.assessment.api.AgreementReport;
import dev.bigocean.assessment.api.QuestionnaireScores;

/**
 * Body of {@code GET /api/profile/:publicProfileId}: archetype, code, trait words and facet scores only — never quotes,
 * messages, session or user ids, or the view count.
 *
 * @param oceanCode     the five-letter code, e.g. {@code HHMHL}
 * @param traitSummary  trait name → {@code High}, {@code Medium} or {@code Low}, in O, C, E, A, N order
 * @param facets        the 30 facets in canonical order
 * @param questionnaire questionnaire scores, only when the owner chose to show them and there are answers (else absent)
 * @param agreement     conversation versus questionnaire, present with {@code questionnaire}
 */
public record ProfileView(@Schema(required = true) String archetypeName,
        @Schema(required = true, pattern = "^[LMH]{5}$") String oceanCode,
        @Schema(required = true) String description,
        @Schema(required = true, pattern = "^#[0-9A-Fa-f]{6}$") String color,
        @Schema(required = true, description = "Trait name to High, Medium or Low.") Map<String, String> traitSummary,
        @Schema(required = true, description = "Facet name to its score and confidence.") Map<String, FacetView> facets,
        @Schema(required = true) @JsonProperty("isPublic") boolean isPublic,
        @Schema(description = "Only when the owner shows the questionnaire and there are answers.")
        @JsonInclude(JsonInclude.Include.NON_NULL) QuestionnaireScores questionnaire,
        @Schema(description = "Conversation versus questionnaire, present with questionnaire.")
        @JsonInclude(JsonInclude.Include.NON_NULL) AgreementReport agreement) {

    /** The conversation's profile alone. */
    public ProfileView(String archetypeName, String oceanCode, String description, String color,
            Map<String, String> traitSummary, Map<String, FacetView> facets, boolean isPublic) {
        this(archetypeName, oceanCode, description, color, traitSummary, facets, isPublic, null, null);
    }

    /** The same view with the questionnaire's scores and their agreement with the conversation. */
    public ProfileView withQuestionnaire(QuestionnaireScores questionnaire, AgreementReport agreement) {
        return new ProfileView(archetypeName, oceanCode, description, color, traitSummary, facets, isPublic, questionnaire,
                agreement);
    }

    /** One facet: score 0–20 (1 decimal), confidence 0–100. */
    @Schema(name = "ProfileFacet")
    public record FacetView(@Schema(required = true, minimum = "0", maximum = "20") double score,
            @Schema(required = true, minimum = "0", maximum = "100") int confidence) {
    }
}
