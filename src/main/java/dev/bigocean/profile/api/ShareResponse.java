package dev.bigocean.profile.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of {@code POST /api/profile/share}. */
public record ShareResponse(@Schema(required = true, format = "uuid") String publicProfileId,
        @Schema(required = true, format = "uri") String shareableUrl,
        @Schema(required = true) @JsonProperty("isPublic") boolean isPublic) {
}
