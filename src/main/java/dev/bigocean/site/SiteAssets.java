package dev.bigocean.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.bigocean.platform.Sha256;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * The web client's scripts and styles, and the profile pages' stylesheet. Quarkus serves them from
 * {@code META-INF/resources/static/} (revalidated on every use: {@code no-cache}); the pages link them under
 * {@code /assets/<version>/…}, where {@code version} is a hash of their contents, served from memory as
 * {@code immutable} with a one-year max-age. A new build changes the version, so a browser never runs a stale script,
 * and a module's relative imports stay inside the same version.
 */
@ApplicationScoped
public class SiteAssets {

    static final String PREFIX = "/assets/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final List<String> FILES = List.of("app.js", "api.js", "app.css", "profile.css");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css",
            "text/css; charset=utf-8");

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final String version;

    SiteAssets() {
        MessageDigest digest = Sha256.newDigest();
        for (String name : FILES) {
            byte[] bytes = read("META-INF/resources/static/" + name);
            files.put(name, bytes);
            digest.update(name.getBytes());
            digest.update(bytes);
        }
        version = HexFormat.of().formatHex(digest.digest(), 0, 6);
    }

    /** The path segment of the current assets: a hash of their contents. */
    public String version() {
        return version;
    }

    void install(@Observes Router router) {
        router.route("/static/*").order(-10).handler(rc -> {
            rc.addHeadersEndHandler(v -> rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache"));
            rc.next();
        });
        router.route(PREFIX + "*").order(-10).handler(rc -> {
            String rest = rc.request().path().substring(PREFIX.length());
            int slash = rest.indexOf('/');
            byte[] body = slash < 0 || !rest.substring(0, slash).equals(version) ? null : files.get(rest.substring(slash + 1));
            HttpMethod method = rc.request().method();
            if (body == null || !(method == HttpMethod.GET || method == HttpMethod.HEAD)) {
                rc.response().setStatusCode(404).putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
                return;
            }
            String name = rest.substring(slash + 1);
            String etag = '"' + version + '-' + name + '"';
            rc.response().putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE).putHeader(HttpHeaders.ETAG, etag)
                    .putHeader(HttpHeaders.CONTENT_TYPE, TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            if (etag.equals(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
                rc.response().setStatusCode(304).end();
            } else if (method == HttpMethod.HEAD) {
                rc.response().putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length)).end();
            } else {
                rc.response().end(Buffer.buffer(body));
            }
        });
    }

    private static byte[] read(String resource) {
        try (InputStream in = SiteAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing web asset " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
