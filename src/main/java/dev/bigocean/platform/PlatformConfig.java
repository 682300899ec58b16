package dev.bigocean.platform;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of platform/ other than the model roles ({@link LlmConfig}, which several features read): the database
 * pool ({@code bigocean.db.*}), where PostgreSQL and Redis are ({@code bigocean.infrastructure.*}), the OIDC settings the
 * start-up checks look at ({@code bigocean.oidc.*}) and whether traces are recorded ({@code bigocean.tracing.*}).
 * {@code bigocean.embedded.*} ({@code BIGOCEAN_EMBEDDED}, {@code BIGOCEAN_DATA_DIR}), {@code DATABASE_URL} and
 * {@code REDIS_URL} are read by {@code InfrastructureConfigSourceFactory} while the configuration is still being built,
 * before any mapping exists.
 */
final class PlatformConfig {

    private PlatformConfig() {
    }

    /** The reactive PostgreSQL pool. */
    @ConfigMapping(prefix = "bigocean.db")
    interface Db {

        /**
         * A request waits at most this long for a pooled connection ({@code DB_ACQUIRE_TIMEOUT}), then answers 503
         * {@code DatabaseError} instead of waiting without end.
         */
        Duration acquireTimeout();

        /**
         * The longest wait for PostgreSQL's answer to one statement, or to a transaction as a whole
         * ({@code DB_TIMEOUT}); past it the request answers 503 {@code DatabaseError}. Maintenance jobs that may run
         * long ({@link MaintenancePool}) are not bounded by it.
         */
        Duration timeout();
    }

    /** Where PostgreSQL and Redis are. */
    @ConfigMapping(prefix = "bigocean.infrastructure")
    interface Infrastructure {

        /**
         * Where PostgreSQL and Redis come from, in words (embedded, or {@code DATABASE_URL} / {@code REDIS_URL}); set by
         * {@code InfrastructureConfigSourceFactory}, {@code configured} when the Quarkus keys were set directly.
         */
        @WithDefault("configured")
        String mode();
    }

    /**
     * OIDC bearer tokens as {@link StartupChecks} sees them: application.properties points these keys at the Quarkus
     * OIDC keys; they are never set on their own.
     */
    @ConfigMapping(prefix = "bigocean.oidc")
    interface Oidc {

        /** Whether OIDC bearer tokens are on ({@code quarkus.oidc.tenant-enabled}; on when {@code OIDC_ISSUER_URL} is set). */
        @WithDefault("false")
        boolean enabled();

        /** The audience tokens must carry ({@code quarkus.oidc.token.audience}, {@code OIDC_AUDIENCE}). */
        Optional<List<String>> audience();
    }

    /** Tracing, as {@code TracingConfigSourceFactory} switched it: application.properties points the key at Quarkus'. */
    @ConfigMapping(prefix = "bigocean.tracing")
    interface Tracing {

        /** Whether the OpenTelemetry SDK is off ({@code quarkus.otel.sdk.disabled}; off without a collector). */
        @WithDefault("false")
        boolean sdkDisabled();
    }
}
