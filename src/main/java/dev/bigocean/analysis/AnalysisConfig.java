package dev.bigocean.analysis;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The analysis workers of this instance and the retry policy of the durable analysis queue. */
@ConfigMapping(prefix = "bigocean.analysis")
public interface AnalysisConfig {

    /** Whether this instance runs analysis workers (the queue still fills when off; another instance drains it). */
    @WithDefault("true")
    boolean enabled();

    /** Jobs this instance analyses at the same time. */
    @WithDefault("2")
    int workers();

    /**
     * How long a claimed job belongs to its worker without news from it. The worker renews the lease every third of
     * it while the job is analysed, so it only runs out when the worker is gone (killed, instance restarted); the job
     * is then claimed again.
     */
    @WithDefault("PT30S")
    Duration lease();

    /** Attempts per job before it is marked {@code failed}. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the first retry; doubled after each further failed attempt. */
    @WithDefault("PT2S")
    Duration backoff();

    /** Longest wait between two attempts. */
    @WithDefault("PT5M")
    Duration maxBackoff();

    /** Safety-net poll for ready jobs, in case a NOTIFY was missed (LISTEN connection down, another instance). */
    @WithDefault("PT5S")
    Duration pollInterval();

    /** On shutdown, how long in-flight jobs may finish before their leases are handed back to the queue. */
    @WithDefault("PT10S")
    Duration shutdownGrace();
}
