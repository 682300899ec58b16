package dev.bigocean.assessment.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/assessment/start}; {@code userId} is optional. */
public record StartRequest(
        @Schema(format = "uuid", description = "Start for this user: must be the signed-in user, unless an internal caller "
                + "acts for it.") String userId) {
}
