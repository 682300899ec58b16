package dev.bigocean.profile.api;

/** Body of {@code POST /api/profile/share}. */
public record ShareRequest(String sessionId) {
}
