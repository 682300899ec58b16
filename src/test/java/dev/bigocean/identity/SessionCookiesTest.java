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

import dev.bigocean.web.ClientAddress;
import dev.bigocean.web.WebConfig;
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

    static HttpServerRequest plainHttpTo(String host) {
        return (HttpServerRequest) Proxy.newProxyInstance(HttpServerRequest.class.getClassLoader(),
                new Class<?>[] { HttpServerRequest.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "isSSL" -> Boolean.FALSE;
                    case "host" -> host;
                    default -> null;
                });
    }

    static SessionCookies cookies(String sameSite, boolean alwaysSecure) {
        return cookies(sameSite, alwaysSecure, "http://localhost:3000");
    }

    static SessionCookies cookies(String sameSite, boolean alwaysSecure, String frontendUrl) {
        IdentityConfig.Cookie cookie = config(IdentityConfig.Cookie.class,
                Map.of("name", "better-auth.session_token", "sameSite", sameSite, "alwaysSecure", alwaysSecure));
        IdentityConfig.Auth auth = config(IdentityConfig.Auth.class, Map.of("cookie", cookie));
        WebConfig.TrustedProxy proxy = config(WebConfig.TrustedProxy.class,
                Map.of("trustedProxyHeader", Optional.empty(), "trustedProxyHops", 1));
        WebConfig.Frontend frontend = config(WebConfig.Frontend.class, Map.of("url", frontendUrl));
        return new SessionCookies(auth, new ClientAddress(proxy), frontend);
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
    void autoIsLaxForAFrontendOnTheServicesOwnSite() {
        String local = cookies("auto", false).issue("t", Instant.now().plusSeconds(60), plainHttpTo("localhost:8080"));
        assertTrue(local.contains("; SameSite=Lax") && !local.contains("Secure"), local);
        String sibling = cookies("auto", false, "https://app.bigocean.dev")
                .issue("t", Instant.now().plusSeconds(60), plainHttpTo("api.bigocean.dev"));
        assertTrue(sibling.contains("; SameSite=Lax"), sibling);
    }

    @Test
    void autoIsNoneAndSecureForAFrontendOnAnotherSite() {
        String header = cookies("auto", false, "https://bigocean-web.example.org")
                .issue("t", Instant.now().plusSeconds(60), plainHttpTo("big-ocean-api.up.railway.app"));
        assertTrue(header.contains("; SameSite=None") && header.contains("; Secure"), header);
        assertTrue(cookies("auto", false, "https://bigocean-web.example.org").clear(plainHttpTo("api.other.net"))
                .contains("; SameSite=None"));
        // Two apps on the same hosting domain are two sites.
        assertTrue(cookies("auto", false, "https://web.up.railway.app").clear(plainHttpTo("api.up.railway.app"))
                .contains("; SameSite=None"));
    }

    @Test
    void sitesAreTheLastTwoLabelsWithoutPort() {
        assertEquals("example.com", SessionCookies.site("api.example.com:443"));
        assertEquals("example.com", SessionCookies.site("EXAMPLE.com"));
        assertEquals("localhost", SessionCookies.site("localhost:8080"));
        assertEquals("127.0.0.1", SessionCookies.site("127.0.0.1:8080"));
        assertEquals("web.up.railway.app", SessionCookies.site("web.up.railway.app"));
        assertEquals("my-app.vercel.app", SessionCookies.site("preview.my-app.vercel.app"));
        assertEquals("example.co.uk", SessionCookies.site("api.example.co.uk"));
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
