package dev.bigocean.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.ws.rs.Priorities;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.bigocean.identity.CurrentUser;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Request rate limits on every endpoint, after the caller is identified: per user when authenticated, else per client
 * IP; {@code POST /api/auth/*} (sign-up, sign-in, sign-out) has a stricter limit per client IP. Over the limit: 429
 * {@code RateLimitExceeded} with {@code Retry-After}. {@code /health} and {@code /q/*} are exempt. Buckets and exemptions
 * are decided on the path routing uses ({@link RoutingContext#normalizedPath()}: dot segments removed, percent-encoded
 * unreserved characters decoded), never on the raw request line, so {@code /q/../api/…} is an {@code /api/…} request.
 */
class RateLimitFilter {

    private static final Pattern MATRIX_PARAMETERS = Pattern.compile(";[^/]*");
    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

    private final RateLimiter limiter;
    private final LimitsConfig.RateLimit config;
    private final ClientAddress client;
    private final CurrentUser caller;

    RateLimitFilter(RateLimiter limiter, LimitsConfig.RateLimit config, ClientAddress client, CurrentUser caller) {
        this.limiter = limiter;
        this.config = config;
        this.client = client;
        this.caller = caller;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION + 100)
    Uni<Void> limit(HttpServerRequest request, RoutingContext routing) {
        String path = routing.normalizedPath();
        if (!config.enabled() || path == null || path.equals("/health") || path.startsWith("/q/")) {
            return Uni.createFrom().voidItem();
        }
        String userId = caller.id().map(Object::toString).orElse(null);
        boolean auth = request.method() == HttpMethod.POST && canonical(path).startsWith("/api/auth/");
        String bucket = auth ? "auth" : "api";
        // An address counts by its pseudonym: not kept in the clear in Redis, and an IPv6 client counts by its /64, so
        // that the addresses of one subscriber's network are one client, not 2^64 of them.
        String subject = auth || userId == null ? "ip:" + ClientAddress.pseudonym(client.ip(request)) : "user:" + userId;
        int limit = auth ? config.authRequests() : config.requests();
        return limiter.hit(bucket, subject, limit).map(decision -> {
            if (!decision.allowed()) {
                long retryAfter = Math.max(1, Duration.between(Instant.now(), decision.resetAt()).toSeconds() + 1);
                throw ApiException.rateLimitExceeded(userId, decision.resetAt(), retryAfter,
                        auth ? "Too many sign-in attempts; try again later" : "Too many requests; slow down and retry later");
            }
            return null;
        }).replaceWithVoid();
    }

    /**
     * Empty segments and matrix parameters ({@code ;v=1}) do not move a request out of the auth bucket. (Exemptions
     * use the normalised path as is: being stricter there only counts a request that need not be.)
     */
    static String canonical(String path) {
        return REPEATED_SLASHES.matcher(MATRIX_PARAMETERS.matcher(path).replaceAll("")).replaceAll("/");
    }
}
