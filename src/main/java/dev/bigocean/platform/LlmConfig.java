package dev.bigocean.platform;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which model roles talk to a real OpenAI-compatible endpoint. The endpoint, model, temperature, max tokens and
 * timeout of each role are the quarkus-langchain4j named configurations {@code nerin} and {@code analyzer}.
 */
@ConfigMapping(prefix = "bigocean.llm")
public interface LlmConfig {

    /** {@code auto}: a role without an API key runs offline; {@code online}; {@code offline}: every role offline. */
    @WithDefault("auto")
    String mode();

    /**
     * Refuse to start when a role has no API key, unless {@link #mode()} is {@code offline} (on in the {@code prod}
     * profile, see {@code StartupChecks}).
     */
    @WithDefault("false")
    boolean requireKey();

    /**
     * Connections each model client may hold to its endpoint at once: one per streamed turn or analysis in flight
     * (see {@link ModelConnectionPool}).
     */
    @WithDefault("1024")
    int connectionPoolSize();

    /** The interviewer role. */
    Role nerin();

    /** The analyzer role. */
    Role analyzer();

    interface Role {
        /** The API key; absent means this role runs offline in {@code auto} mode. */
        Optional<String> apiKey();
    }

    default boolean offline(Role role) {
        return switch (mode()) {
            case "offline" -> true;
            case "online" -> false;
            default -> role.apiKey().filter(k -> !k.isBlank()).isEmpty();
        };
    }

    default boolean nerinOffline() {
        return offline(nerin());
    }

    default boolean analyzerOffline() {
        return offline(analyzer());
    }
}
