package dev.bigocean.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.limits.ClientAddress;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * The session cookie: a random 32-byte token (base64url), of which only the SHA-256 is stored. HttpOnly, Path=/,
 * SameSite Lax by default (None for a frontend on another site, which forces Secure), Secure over https or when
 * configured.
 */
@ApplicationScoped
class SessionCookies {

    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final SecureRandom random = new SecureRandom();
    private final IdentityConfig.Cookie config;
    private final ClientAddress client;

    SessionCookies(IdentityConfig.Auth config, ClientAddress client) {
        this.config = config.cookie();
        this.client = client;
    }

    String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
        String sameSite = sameSite();
        boolean secure = config.alwaysSecure() || "None".equals(sameSite) || client.https(request);
        return "; Path=/; HttpOnly; SameSite=" + sameSite + (secure ? "; Secure" : "");
    }

    private String sameSite() {
        String value = config.sameSite().trim().toLowerCase();
        return switch (value) {
            case "none" -> "None";
            case "strict" -> "Strict";
            default -> "Lax";
        };
    }
}
