package dev.bigocean.assessment;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rules of an assessment session. */
@ConfigMapping(prefix = "bigocean.assessment")
public interface AssessmentConfig {

    /** An active session untouched for this long answers 410 {@code SessionExpired}. */
    @WithDefault("P30D")
    Duration expireAfter();

    /** The assessment completes when {@code overallConfidence} reaches this value (0–100). */
    @WithDefault("70")
    int confidenceTarget();

    /** The assessment completes after this many user messages even below the confidence target. */
    @WithDefault("40")
    int maxUserTurns();

    /** Longest accepted user message, in characters. */
    @WithDefault("4000")
    int maxMessageLength();
}
