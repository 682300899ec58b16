package dev.bigocean.assessment.api;

/** A stored message as {@code /resume} shows it; {@code id} is usable with {@code /api/evidence/message/:id}. */
public record MessageView(String id, String role, String content, String timestamp) {
}
