package dev.bigocean.identity;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * Accounts and session cookies ({@code bigocean.auth.*}) and the shared secret of trusted internal callers
 * ({@code bigocean.internal-secret}). The frontend URL the cookie's site is derived from is web/'s
 * ({@code WebConfig.frontendUrl()}).
 */
final class IdentityConfig {

    private IdentityConfig() {
    }

    /** Trusted internal callers (the Better Auth frontend's server, admin scripts). */
    @ConfigMapping(prefix = "bigocean.internal-secret")
    interface Internal {

        /**
         * Shared secret ({@code INTERNAL_API_SECRET}) a trusted caller sends in {@code X-Internal-Secret}; it may then act
         * for a user named in {@code X-User-Id} and call {@code /api/admin/*}. Unset or blank: nobody is trusted.
         */
        @WithParentName
        Optional<String> internalSecret();
    }

    /** Email and password accounts. */
    @ConfigMapping(prefix = "bigocean.auth")
    interface Auth {

        /** Lifetime of a sign-in session; refreshed on use (see {@link #refreshAfter()}). */
        @WithDefault("P7D")
        Duration sessionTtl();

        /** A session used after it is this old (since its last refresh) gets a fresh full lifetime, at most once per period. */
        @WithDefault("P1D")
        Duration refreshAfter();

        /** Shortest accepted password, in characters. */
        @WithDefault("12")
        int passwordMinLength();

        /** Longest accepted password, in characters. */
        @WithDefault("128")
        int passwordMaxLength();

        /** The session cookie. */
        Cookie cookie();

        /** The optional Have I Been Pwned range check at sign-up. */
        Hibp hibp();
    }

    interface Cookie {

        /** Name of the session cookie (Better Auth's by default, so a Better Auth frontend keeps working). */
        @WithDefault("better-auth.session_token")
        String name();

        /**
         * {@code auto} (default): {@code Lax} when {@code FRONTEND_URL} is on the service's own site, {@code None} (forces
         * {@code Secure}) when it is on another; or explicitly {@code Lax}, {@code None} or {@code Strict}.
         */
        @WithDefault("auto")
        String sameSite();

        /**
         * {@code true}: always mark the cookie {@code Secure}; {@code false}: only when the request came over https
         * (directly, or through the trusted proxy's {@code X-Forwarded-Proto}).
         */
        @WithDefault("false")
        boolean alwaysSecure();
    }

    interface Hibp {

        /** Also refuse passwords known to Have I Been Pwned (k-anonymity range API: only 5 hex chars of the SHA-1 leave). */
        @WithDefault("false")
        boolean enabled();

        /** Base URL of the range API. */
        @WithDefault("https://api.pwnedpasswords.com")
        String baseUrl();

        /** Give up after this long and accept the password (fail open; the shipped list still applies). */
        @WithDefault("PT1.5S")
        Duration timeout();
    }
}
