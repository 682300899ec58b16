package dev.bigocean.questionnaire.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code PUT /api/assessment/:sessionId/questionnaire}: {@code {"answers": {"<item id>": 1..5, …}}}, any
 * subset of the 120 items; merged with earlier answers (a later answer to the same item replaces the earlier one).
 */
public record AnswersRequest(@Schema(required = true, type = SchemaType.OBJECT, implementation = Map.class, additionalProperties = Integer.class,
        minProperties = 1, description = "Item id (from GET /api/questionnaire) → answer, an integer from 1 (Very "
                + "Inaccurate) to 5 (Very Accurate).") JsonNode answers) {
}
