package dev.bigocean.profile.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of {@code PATCH /api/profile/:publicProfileId/visibility}; the request has the same shape, each field optional
 * (at least one). {@code showQuestionnaire}: whether the public view shows the questionnaire scores and their agreement
 * with the conversation (off unless the owner turns it on).
 */
public record VisibilityResponse(@JsonProperty("isPublic") boolean isPublic, boolean showQuestionnaire) {
}
