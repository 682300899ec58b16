package dev.bigocean.profile.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of {@code POST /api/profile/share}. */
public record ShareResponse(String publicProfileId, String shareableUrl, @JsonProperty("isPublic") boolean isPublic) {
}
