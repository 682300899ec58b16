package dev.bigocean.limits;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * Configuration of limits/: request rate limits ({@code bigocean.ratelimit.*}), the daily cost budget
 * ({@code bigocean.budget.*}), model prices ({@code bigocean.pricing.*}) and the behaviour while Redis is unreachable
 * ({@code bigocean.outage.*}). Four small mappings under the names the README documents, held in one place.
 */
final class LimitsConfig {

    private LimitsConfig() {
    }

    /** Request rate limits on every endpoint (health and {@code /q/*} exempt). */
    @ConfigMapping(prefix = "bigocean.ratelimit")
    interface RateLimit {

        /** Whether request rate limits apply at all. */
        @WithDefault("true")
        boolean enabled();

        /** Length of one fixed window. */
        @WithDefault("PT1M")
        Duration window();

        /** Requests per window per user (authenticated) or per client IP (anonymous). */
        @WithDefault("120")
        int requests();

        /** Requests per window per client IP on {@code POST /api/auth/*} (sign-up, sign-in, sign-out). */
        @WithDefault("10")
        int authRequests();

        // bigocean.ratelimit.trusted-proxy-header and -hops (who the client is) belong to web/: WebConfig.trustedProxy().
    }

    /** The daily cost budget of LLM calls. */
    @ConfigMapping(prefix = "bigocean.budget")
    interface Budget {

        /** Daily spend limit per user (anonymous: per assessment session), in US cents. */
        @WithDefault("7500")
        long dailyLimitCents();

        /**
         * Daily spend limit of all anonymous sessions called from one client address (IPv6: one /64) together, in US
         * cents; starting new sessions does not reset it.
         */
        @WithDefault("2500")
        long clientDailyLimitCents();

        /** Daily spend ceiling of the whole service (every user, session and client together), in US cents. */
        @WithDefault("50000")
        long globalDailyLimitCents();

        /** A reservation that is never settled (a crashed call) stops counting after this long. */
        @WithDefault("PT5M")
        Duration reservationTtl();
    }

    /**
     * Model prices in USD per million tokens, by model name ({@code bigocean.pricing."gpt-4o-mini".input}); a model name
     * matches its longest listed prefix ({@code gpt-4o-mini-2024-07-18} → {@code gpt-4o-mini}); an unlisted model costs
     * the {@code default} entry. Offline models ({@code offline…}) cost nothing.
     */
    @ConfigMapping(prefix = "bigocean.pricing")
    interface Pricing {

        /** Price per model name, plus {@code default}. */
        @WithParentName
        Map<String, Price> models();
    }

    interface Price {

        /** USD per million input tokens. */
        double input();

        /** USD per million output tokens. */
        double output();
    }

    /** Fallback while Redis is unreachable. */
    @ConfigMapping(prefix = "bigocean.outage")
    interface Outage {

        /** A Redis command that takes longer than this counts as a failure and the in-memory fallback decides. */
        @WithDefault("PT1S")
        Duration redisTimeout();

        /** After a Redis failure, decide in memory for this long before trying Redis again. */
        @WithDefault("PT5S")
        Duration retryAfter();

        /**
         * Share of each limit that one instance grants on its own while Redis is down (rate limits and the cost budget;
         * the daily start limit stays 1), so that spend stays bounded even with several instances.
         */
        @WithName("share")
        @WithDefault("0.25")
        double share();
    }
}
