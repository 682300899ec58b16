package dev.bigocean.analysis.ai;

/**
 * One evidence item as the model reports it, not yet validated: the facet name may be unknown, the numbers out of
 * range or fractional, and the quote absent from the message. {@code EvidenceValidator} decides what is kept.
 */
public record EvidenceItem(String facet, Double score, Double confidence, String quote) {
}
