package dev.bigocean.assessment.api;

/**
 * Body of {@code POST /api/assessment/start}; both fields are optional. {@code language}: a BCP-47 tag (e.g. {@code de},
 * {@code ja}, {@code pt-BR}) whose primary subtag becomes the conversation's language; without it the
 * {@code Accept-Language} header decides, else English.
 */
public record StartRequest(String userId, String language) {
}
