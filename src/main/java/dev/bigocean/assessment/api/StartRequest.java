package dev.bigocean.assessment.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/assessment/start}; both fields are optional. {@code language}: a BCP-47 tag (e.g. {@code de},
 * {@code ja}, {@code pt-BR}) whose primary subtag becomes the conversation's language; without it the
 * {@code Accept-Language} header decides, else English.
 */
public record StartRequest(
        @Schema(format = "uuid", description = "Start for this user: must be the signed-in user, unless an internal caller "
                + "acts for it.") String userId,
        @Schema(description = "BCP-47 language tag of the conversation, e.g. de, ja, pt-BR.", example = "de") String language) {
}
