package dev.bigocean.web;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * Configuration of the shared HTTP layer (web/), under the names the README documents: the frontend's URL
 * ({@code bigocean.frontend-url}), the trusted reverse proxy ({@code bigocean.ratelimit.trusted-proxy-*}) and the admin
 * endpoints on the public port ({@code bigocean.admin.public-port}). Every feature that needs the frontend URL (session
 * cookies, shareable profile links, the account export) reads it here, since web/ is below all of them. Three small
 * mappings with narrow prefixes rather than one on {@code bigocean}, which would have to claim every {@code bigocean.*}
 * key (see docs/decisions.md).
 */
public final class WebConfig {

    private WebConfig() {
    }

    /** The web frontend. */
    @ConfigMapping(prefix = "bigocean.frontend-url")
    public interface Frontend {

        /**
         * Public URL of the web frontend ({@code FRONTEND_URL}): the only origin allowed to send unsafe requests from a
         * browser, the site session cookies are issued for, and the base of shareable profile links.
         */
        @WithParentName
        String url();
    }

    /** The reverse proxy in front of the service (under {@code bigocean.ratelimit}, where the README lists it). */
    @ConfigMapping(prefix = "bigocean.ratelimit")
    public interface TrustedProxy {

        /**
         * Header that the reverse proxy in front of the service sets to the client address ({@code X-Forwarded-For},
         * {@code X-Real-IP}, {@code CF-Connecting-IP}; {@code TRUSTED_PROXY_HEADER}). Unset: the TCP peer address is the
         * client and forwarded headers (also {@code X-Forwarded-Proto}) are ignored, since anyone could send them.
         */
        Optional<String> trustedProxyHeader();

        /**
         * For a comma-separated header such as {@code X-Forwarded-For}: how many trusted proxies append to it
         * ({@code TRUSTED_PROXY_HOPS}); the client is that many entries from the right (entries further left are
         * client-supplied and not trusted).
         */
        @WithDefault("1")
        int trustedProxyHops();
    }

    /** The admin endpoints. */
    @ConfigMapping(prefix = "bigocean.admin")
    interface Admin {

        /**
         * Whether {@code /api/admin/*} is served on the public port ({@code ADMIN_ON_PUBLIC_PORT}; off in the
         * {@code prod} profile). The internal secret is required either way.
         */
        @WithDefault("true")
        boolean publicPort();
    }
}
