package dev.bigocean.analysis.api;

/** Optional body of {@code POST /api/admin/analysis/retry-failed}: only this session's failed jobs. */
public record RetryFailedRequest(String sessionId) {
}
