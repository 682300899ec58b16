package dev.bigocean.assessment.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A session's questionnaire scores, on the conversation's scales. A facet is scored (0–20, 1 decimal) only when its
 * four items are answered, a trait (0–120, level H/M/L) only when its six facets are; otherwise score and level are null.
 *
 * @param itemsAnswered items answered so far, 0–120
 * @param itemsTotal    120
 * @param traits        5, O C E A N order
 * @param facets        30, canonical order
 */
public record QuestionnaireScores(@Schema(required = true) int itemsAnswered, @Schema(required = true) int itemsTotal,
        @Schema(required = true) List<Trait> traits, @Schema(required = true) List<Facet> facets) {

    @Schema(name = "QuestionnaireTrait")
    public record Trait(@Schema(required = true) String name, @Schema(description = "0–120; null until its six facets are scored.") Double score,
            @Schema(enumeration = { "L", "M", "H" }, description = "Null until scored.") String level) {
    }

    @Schema(name = "QuestionnaireFacet")
    public record Facet(@Schema(required = true) String name, @Schema(required = true) String traitName,
            @Schema(description = "0–20; null until its four items are answered.") Double score,
            @Schema(required = true) int itemsAnswered) {
    }
}
