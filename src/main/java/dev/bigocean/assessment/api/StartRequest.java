package dev.bigocean.assessment.api;

/** Body of {@code POST /api/assessment/start}; {@code userId} is optional. */
public record StartRequest(String userId) {
}
