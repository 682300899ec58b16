package dev.bigocean.conversation.api;

/** Body of {@code POST /api/assessment/message}. */
public record MessageRequest(String sessionId, String message) {
}
