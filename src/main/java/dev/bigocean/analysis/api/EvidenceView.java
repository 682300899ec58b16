package dev.bigocean.analysis.api;

/** One evidence item as the evidence endpoints return it; {@code highlightRange} is in UTF-16 indices, end exclusive. */
public record EvidenceView(String id, String assessmentMessageId, String facetName, int score, int confidence, String quote,
        HighlightRange highlightRange, String createdAt) {

    public record HighlightRange(int start, int end) {
    }
}
