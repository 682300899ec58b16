package dev.bigocean.scoring;

/**
 * A trait's totals over its six facets.
 *
 * @param rawScore        sum of the six unrounded facet raw scores, 0–120
 * @param score           {@code rawScore} rounded half-up to 1 decimal
 * @param level           computed from {@code rawScore}, so code letters and levels never disagree
 * @param confidence      minimum of the six facet confidences, 0–100
 * @param confidenceRatio mean of the six facet confidences / 100, rounded to 2 decimals, 0–1
 */
public record TraitScore(Trait trait, double rawScore, double score, Level level, int confidence,
                         double confidenceRatio) {
}
