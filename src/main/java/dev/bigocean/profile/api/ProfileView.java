package dev.bigocean.profile.api;

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
public record ProfileView(String archetypeName, String oceanCode, String description, String color,
        Map<String, String> traitSummary, Map<String, FacetView> facets, @JsonProperty("isPublic") boolean isPublic) {

    /** One facet: score 0–20 (1 decimal), confidence 0–100. */
    public record FacetView(double score, int confidence) {
    }
}
