package dev.bigocean.identity;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.platform.Sha256;
import dev.bigocean.web.ClientAddress;
import dev.bigocean.web.WebConfig;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * The session cookie: a random 32-byte token (base64url), of which only the SHA-256 is stored. HttpOnly, Path=/,
 * SameSite {@code auto} by default: Lax when {@code FRONTEND_URL} is on the service's own site, None (which forces
 * Secure) when it is on another site, so that the browser sends the cookie with the frontend's requests; Secure over
 * https or when configured.
 */
@ApplicationScoped
class SessionCookies {

    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** Public suffixes of more than one label, and hosting domains whose subdomains are separate sites. */
    static final Set<String> SHARED_SUFFIXES = Set.of("up.railway.app", "railway.app", "vercel.app",
            "netlify.app", "herokuapp.com", "onrender.com", "fly.dev", "pages.dev", "workers.dev", "github.io", "web.app",
            "firebaseapp.com", "appspot.com", "azurewebsites.net", "azurestaticapps.net", "amplifyapp.com", "co.uk",
            "org.uk", "ac.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp", "co.in", "com.br", "com.cn", "co.za");

    private final SecureRandom random = new SecureRandom();
    private final IdentityConfig.Cookie config;
    private final ClientAddress client;
    private final String frontendSite;

    SessionCookies(IdentityConfig.Auth config, ClientAddress client, WebConfig.Frontend frontend) {
        this.config = config.cookie();
        this.client = client;
        this.frontendSite = site(hostOf(frontend.url()));
    }

    String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        return HexFormat.of().formatHex(Sha256.digest(token));
    }

    /** The well-formed token of the request's session cookie, if any. */
    Optional<String> token(HttpServerRequest request) {
        Cookie cookie = request.getCookie(config.name());
        if (cookie == null || cookie.getValue() == null) {
            return Optional.empty();
        }
        String value = cookie.getValue();
        return TOKEN.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    /** {@code Set-Cookie} value carrying {@code token} until {@code expiresAt}. */
    String issue(String token, Instant expiresAt, HttpServerRequest request) {
        long maxAge = Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
        return config.name() + "=" + token + "; Max-Age=" + maxAge + "; Expires=" + EXPIRES.format(expiresAt) + attributes(request);
    }

    /** {@code Set-Cookie} value that removes the cookie. */
    String clear(HttpServerRequest request) {
        return config.name() + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + attributes(request);
    }

    private String attributes(HttpServerRequest request) {
        String sameSite = sameSite(request);
        boolean secure = config.alwaysSecure() || "None".equals(sameSite) || client.https(request);
        return "; Path=/; HttpOnly; SameSite=" + sameSite + (secure ? "; Secure" : "");
    }

    private String sameSite(HttpServerRequest request) {
        String value = config.sameSite().trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "none" -> "None";
            case "strict" -> "Strict";
            case "lax" -> "Lax";
            // auto: a frontend on another site than the service's own only gets the cookie back with SameSite=None.
            default -> frontendSite.equals(site(request.authority() == null ? request.host() : request.authority().host()))
                    ? "Lax" : "None";
        };
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * The site of a host as browsers judge SameSite, approximated without the full public-suffix list: a known
     * multi-label or hosting suffix ({@link #SHARED_SUFFIXES}: {@code up.railway.app}, {@code vercel.app}, {@code co.uk}
     * …) plus the label before it, else the last two labels ({@code app.example.com} and {@code api.example.com} are one
     * site); an IP address or a one-label host is its own site. Ports never matter. For a domain under another
     * multi-label public suffix, set {@code AUTH_COOKIE_SAME_SITE} explicitly.
     */
    static String site(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return h;
        }
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(':') == colon) {
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.matches("[0-9.]+") || h.indexOf(':') >= 0) {
            return h;
        }
        String name = h;
        String suffix = SHARED_SUFFIXES.stream().filter(x -> name.endsWith("." + x))
                .max(Comparator.comparingInt(String::length)).orElse(null);
        if (suffix != null) {
            String rest = name.substring(0, name.length() - suffix.length() - 1);
            return rest.substring(rest.lastIndexOf('.') + 1) + "." + suffix;
        }
        String[] labels = h.split("\\.");
        return labels.length <= 2 ? h : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }
}
