package dev.bigocean.profile.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of {@code PATCH /api/profile/:publicProfileId/visibility}; the request has the same shape, each field optional
 * (at least one). {@code showQuestionnaire}: whether the public view shows the questionnaire scores and their agreement
 * with the conversation (off unless the owner turns it on).
 */
public record VisibilityResponse(@Schema(required = true) @JsonProperty("isPublic") boolean isPublic,
        @Schema(required = true) boolean showQuestionnaire) {
}
