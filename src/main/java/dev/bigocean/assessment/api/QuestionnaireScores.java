package dev.bigocean.assessment.api;

import java.util.List;

/**
 * A session's questionnaire scores, on the conversation's scales. A facet is scored (0–20, 1 decimal) only when its
 * four items are answered, a trait (0–120, level H/M/L) only when its six facets are; otherwise score and level are null.
 *
 * @param itemsAnswered items answered so far, 0–120
 * @param itemsTotal    120
 * @param traits        5, O C E A N order
 * @param facets        30, canonical order
 */
public record QuestionnaireScores(int itemsAnswered, int itemsTotal, List<Trait> traits, List<Facet> facets) {

    public record Trait(String name, Double score, String level) {
    }

    public record Facet(String name, String traitName, Double score, int itemsAnswered) {
    }
}
