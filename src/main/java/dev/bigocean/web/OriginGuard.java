package dev.bigocean.web;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * Cross-site request forgery guard: a state-changing request ({@code POST}, {@code PUT}, {@code PATCH},
 * {@code DELETE}) whose {@code Origin} header is present and is neither the frontend's ({@code FRONTEND_URL}) nor the
 * service's own origin is refused with 403 {@code ForbiddenOrigin} before anything runs — whatever cookie it carries.
 * Browsers always send {@code Origin} on such requests; clients without one (server to server) are unaffected.
 * <p>
 * A read from such an origin is refused the same way: Quarkus' CORS filter, the only origin it allows being
 * {@code FRONTEND_URL}'s (and the service's own), refused it with an empty 403 ("CORS Rejected - Invalid origin") and
 * no error body. This guard refuses only origins that filter refuses too (it compares the same two; it ignores case
 * and default ports, so the filter still refuses a few odd spellings itself), and leaves the filter the preflight
 * ({@code OPTIONS} with {@code Access-Control-Request-Method}) and the CORS response headers.
 */
@ApplicationScoped
class OriginGuard {

    private static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final String frontendOrigin;
    private final ClientAddress client;
    private final ObjectMapper mapper;

    OriginGuard(WebConfig.Frontend frontend, ClientAddress client, ObjectMapper mapper) {
        this.frontendOrigin = origin(frontend.url());
        this.client = client;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(rc -> {
            HttpServerRequest request = rc.request();
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            if (origin == null || CorsPreflight.is(request) || allowed(origin, request)) {
                rc.next();
                return;
            }
            ErrorMapper.end(rc, mapper, ApiException.forbiddenOrigin(origin, UNSAFE.contains(request.method())));
        });
    }

    boolean allowed(String origin, HttpServerRequest request) {
        String presented = origin(origin);
        if (presented.isEmpty()) {
            return false;
        }
        if (presented.equals(frontendOrigin)) {
            return true;
        }
        String host = request.authority() != null ? request.authority().toString() : request.getHeader(HttpHeaders.HOST);
        return host != null && presented.equals(origin((client.https(request) ? "https://" : "http://") + host));
    }

    /** {@code scheme://host[:port]} in lower case without a default port, or "" when not an http(s) origin. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return "";
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
