package dev.bigocean.analysis.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One evidence item as the evidence endpoints return it; {@code highlightRange} is in UTF-16 indices, end exclusive. */
public record EvidenceView(@Schema(required = true, format = "uuid") String id,
        @Schema(required = true, format = "uuid") String assessmentMessageId,
        @Schema(required = true) String facetName,
        @Schema(required = true, minimum = "0", maximum = "20") int score,
        @Schema(required = true, minimum = "0", maximum = "100") int confidence,
        @Schema(required = true) String quote,
        @Schema(required = true) HighlightRange highlightRange,
        @Schema(required = true, format = "date-time") String createdAt) {

    /** Where the quote is in the message: UTF-16 indices, end exclusive. */
    public record HighlightRange(@Schema(required = true) int start, @Schema(required = true) int end) {
    }
}
