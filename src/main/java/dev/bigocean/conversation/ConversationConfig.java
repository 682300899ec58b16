package dev.bigocean.conversation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Nerin's turns are built and guarded. */
@ConfigMapping(prefix = "bigocean.conversation")
interface ConversationConfig {

    /** How many recent exchanges (user message + Nerin reply) are sent verbatim each turn. */
    @WithDefault("6")
    int historyExchanges();

    /** A turn holds the session's turn lock at most this long (a crashed instance's lock expires after it). */
    @WithDefault("PT3M")
    Duration turnLockTimeout();

    /** How long an {@code Idempotency-Key} replays the stored reply. */
    @WithDefault("PT24H")
    Duration idempotencyWindow();

    /**
     * Once Nerin's reply has begun, the longest silence between two of its chunks ({@code NERIN_STREAM_IDLE_TIMEOUT}):
     * past it the turn ends with {@code AgentInvocationError} (the user's message is kept) instead of waiting for a
     * model that stalled mid-reply. Until the first token, the first-token timeout applies.
     */
    @WithDefault("PT30S")
    Duration streamIdleTimeout();

    /**
     * On shutdown, how long turns in flight may finish; streams still open then end with one {@code error} event and
     * their locks are released.
     */
    @WithDefault("PT10S")
    Duration shutdownGrace();

    /**
     * Name of the model Nerin runs on, used to price a turn before the model answers: quarkus-langchain4j's
     * {@code quarkus.langchain4j.openai.nerin.chat-model.model-name} ({@code NERIN_MODEL}), which application.properties
     * points this key at. Offline, the offline model's name is used instead.
     */
    String modelName();

    /**
     * Most tokens one reply of Nerin may have, the output part of a turn's worst-case cost reserved from the budget:
     * {@code quarkus.langchain4j.openai.nerin.chat-model.max-tokens} ({@code NERIN_MAX_TOKENS}), pointed at likewise.
     */
    int maxTokens();
}
