package dev.bigocean.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bigocean.limits.ClientAddress;
import dev.bigocean.limits.LimitsConfig;
import io.vertx.core.http.HttpServerRequest;

class SessionCookiesTest {

    static <T> T config(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> values.get(method.getName())));
    }

    static HttpServerRequest plainHttp() {
        return (HttpServerRequest) Proxy.newProxyInstance(HttpServerRequest.class.getClassLoader(),
                new Class<?>[] { HttpServerRequest.class },
                (proxy, method, args) -> method.getName().equals("isSSL") ? Boolean.FALSE : null);
    }

    static SessionCookies cookies(String sameSite, boolean alwaysSecure) {
        IdentityConfig.Cookie cookie = config(IdentityConfig.Cookie.class,
                Map.of("name", "better-auth.session_token", "sameSite", sameSite, "alwaysSecure", alwaysSecure));
        IdentityConfig.Auth auth = config(IdentityConfig.Auth.class, Map.of("cookie", cookie));
        LimitsConfig.RateLimit rate = config(LimitsConfig.RateLimit.class,
                Map.of("trustedProxyHeader", Optional.empty(), "trustedProxyHops", 1));
        return new SessionCookies(auth, new ClientAddress(rate));
    }

    @Test
    void laxByDefaultAndNotSecureOverPlainHttp() {
        String header = cookies("Lax", false).issue("t", Instant.now().plus(Duration.ofDays(7)), plainHttp());
        assertTrue(header.contains("; SameSite=Lax") && header.contains("; HttpOnly") && header.contains("; Path=/"));
        assertFalse(header.contains("Secure"));
    }

    @Test
    void sameSiteNoneForcesSecure() {
        String header = cookies("none", false).issue("t", Instant.now().plus(Duration.ofDays(7)), plainHttp());
        assertTrue(header.contains("; SameSite=None") && header.contains("; Secure"), header);
        assertTrue(cookies("None", false).clear(plainHttp()).contains("; Secure"));
    }

    @Test
    void secureCanBeForced() {
        assertTrue(cookies("Lax", true).issue("t", Instant.now().plusSeconds(60), plainHttp()).contains("; Secure"));
    }

    @Test
    void tokensAreRandomAndOnlyTheirHashIsKept() {
        SessionCookies cookies = cookies("Lax", false);
        String a = cookies.newToken();
        assertEquals(43, a.length()); // 32 bytes, base64url
        assertNotEquals(a, cookies.newToken());
        assertEquals(64, SessionCookies.hash(a).length());
        assertNotEquals(a, SessionCookies.hash(a));
    }
}
