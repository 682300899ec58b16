package dev.bigocean.profile.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of {@code PATCH /api/profile/:publicProfileId/visibility}; the request has the same shape. */
public record VisibilityResponse(@JsonProperty("isPublic") boolean isPublic) {
}
