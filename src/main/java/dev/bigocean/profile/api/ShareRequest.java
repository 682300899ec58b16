package dev.bigocean.profile.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/profile/share}. */
public record ShareRequest(@Schema(required = true, format = "uuid") String sessionId) {
}
