package dev.bigocean.questionnaire.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code PUT /api/assessment/:sessionId/questionnaire}: {@code {"answers": {"<item id>": 1..5, …}}}, any
 * subset of the 120 items; merged with earlier answers (a later answer to the same item replaces the earlier one).
 */
public record AnswersRequest(JsonNode answers) {
}
