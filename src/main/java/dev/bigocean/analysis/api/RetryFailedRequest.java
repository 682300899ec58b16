package dev.bigocean.analysis.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional body of {@code POST /api/admin/analysis/retry-failed}: only this session's failed jobs. */
public record RetryFailedRequest(@Schema(format = "uuid", description = "Only this session's failed jobs.") String sessionId) {
}
