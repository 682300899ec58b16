package dev.bigocean.privacy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long data nobody needs any more is kept ({@code bigocean.retention.*}). Completed assessments are not on this list:
 * they are kept until their owner (or the holder of an anonymous one) erases them.
 */
@ConfigMapping(prefix = "bigocean.retention")
interface RetentionConfig {

    /** How often the purge runs ({@code off} disables it on this instance; only one instance works at a time anyway). */
    @WithDefault("PT1H")
    String every();

    /** A sign-in session is deleted this long after it expired. */
    @WithDefault("P1D")
    Duration expiredSignInSessions();

    /** A finished ({@code done} or {@code failed}) analysis job is deleted this long after it finished. */
    @WithDefault("P30D")
    Duration finishedAnalysisJobs();

    /**
     * A message's {@code Idempotency-Key} is forgotten this long after the message (default: the idempotency window,
     * {@code bigocean.conversation.idempotency-window}, after which a replay is no longer answered anyway).
     */
    @WithDefault("PT24H")
    Duration idempotencyKeys();

    /**
     * An abandoned anonymous session — no owner, never completed, untouched this long — is deleted with everything
     * derived from it (messages, evidence, analysis jobs, profile).
     */
    @WithDefault("P30D")
    Duration abandonedAnonymousSessions();

    /**
     * Rows purged per transaction (for abandoned sessions: sessions, each with its messages, evidence, jobs and
     * profile); a run goes on batch after batch until one finds fewer.
     */
    @WithDefault("1000")
    int batchSize();
}
