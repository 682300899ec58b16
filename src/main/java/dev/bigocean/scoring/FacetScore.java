package dev.bigocean.scoring;

/**
 * The aggregate of one facet's evidence.
 *
 * @param rawScore   unrounded weighted score, 0–20
 * @param score      {@code rawScore} rounded half-up to 1 decimal
 * @param confidence 0–100
 */
public record FacetScore(Facet facet, double rawScore, double score, int confidence) {
}
