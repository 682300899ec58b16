package dev.bigocean.analysis;

import java.time.Duration;
import java.util.Optional;

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

    /**
     * How long after its message a job whose last attempt found the model unavailable (unreachable, failing, refusing
     * the key) keeps waiting for it, one try every {@link #maxBackoff()}, before it is marked {@code failed}.
     */
    @WithDefault("PT24H")
    Duration modelWait();

    /** Safety-net poll for ready jobs, in case a NOTIFY was missed (LISTEN connection down, another instance). */
    @WithDefault("PT5S")
    Duration pollInterval();

    /** On shutdown, how long in-flight jobs may finish before their leases are handed back to the queue. */
    @WithDefault("PT10S")
    Duration shutdownGrace();

    /**
     * Name of the analyzer's model, used to price a job and recorded with its evidence: quarkus-langchain4j's
     * {@code quarkus.langchain4j.openai.analyzer.chat-model.model-name} ({@code ANALYZER_MODEL}), which
     * application.properties points this key at. Offline, the offline analyzer's name is used instead.
     */
    String modelName();

    /**
     * Most tokens one analyzer reply may have, the output part of a job's worst-case cost reserved from the budget:
     * {@code quarkus.langchain4j.openai.analyzer.chat-model.max-tokens} ({@code ANALYZER_MAX_TOKENS}), pointed at likewise.
     */
    int maxTokens();

    /**
     * The PostgreSQL server the workers {@code LISTEN} on for new jobs: the Quarkus datasource
     * ({@code quarkus.datasource.reactive.url}, {@code .username}, {@code .password}), which application.properties
     * points these keys at. No URL: no LISTEN connection, the poll alone finds jobs.
     */
    Listen listen();

    interface Listen {

        /** The reactive datasource URL. */
        Optional<String> url();

        /** The datasource user. */
        Optional<String> username();

        /** The datasource password. */
        Optional<String> password();
    }
}
