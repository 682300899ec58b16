package dev.bigocean.profile.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code GET /api/profile/:publicProfileId}: archetype, code, trait words and facet scores only — never quotes,
 * messages, session or user ids, or the view count.
 *
 * @param oceanCode    the five-letter code, e.g. {@code HHMHL}
 * @param traitSummary trait name → {@code High}, {@code Medium} or {@code Low}, in O, C, E, A, N order
 * @param facets       the 30 facets in canonical order
 */
public record ProfileView(@Schema(required = true) String archetypeName,
        @Schema(required = true, pattern = "^[LMH]{5}$") String oceanCode,
        @Schema(required = true) String description,
        @Schema(required = true, pattern = "^#[0-9A-Fa-f]{6}$") String color,
        @Schema(required = true, description = "Trait name to High, Medium or Low.") Map<String, String> traitSummary,
        @Schema(required = true, description = "Facet name to its score and confidence.") Map<String, FacetView> facets,
        @Schema(required = true) @JsonProperty("isPublic") boolean isPublic) {

    /** One facet: score 0–20 (1 decimal), confidence 0–100. */
    @Schema(name = "ProfileFacet")
    public record FacetView(@Schema(required = true, minimum = "0", maximum = "20") double score,
            @Schema(required = true, minimum = "0", maximum = "100") int confidence) {
    }
}
