package dev.bigocean.assessment.api;

public record StartResponse(String sessionId, String createdAt, String language) {
}
