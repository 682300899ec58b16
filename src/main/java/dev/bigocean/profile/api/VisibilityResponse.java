package dev.bigocean.profile.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of {@code PATCH /api/profile/:publicProfileId/visibility}; the request has the same shape. */
public record VisibilityResponse(@Schema(required = true) @JsonProperty("isPublic") boolean isPublic) {
}
