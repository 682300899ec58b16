package dev.bigocean.profile.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code PATCH /api/profile/:publicProfileId/visibility} (the resource reads it field by field). */
public record VisibilityRequest(
        @Schema(required = true, description = "true: anyone with the link sees the profile; false: only you.")
        @JsonProperty("isPublic") boolean isPublic) {
}
