package dev.bigocean.platform;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A {@code postgres[ql]://user:pass@host:port/db?params} URL split into the settings Quarkus wants. */
record DatabaseUrl(String host, int port, String database, String username, String password, String query) {

    static DatabaseUrl parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL (expected postgresql://user:pass@host:port/db)");
        }
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql:// or postgres://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.isEmpty() ? "postgres" : path,
                user, password, uri.getRawQuery());
    }

    Map<String, String> toQuarkusProperties() {
        String suffix = query == null ? "" : "?" + query;
        Map<String, String> props = new HashMap<>();
        props.put("quarkus.datasource.reactive.url", "postgresql://" + host + ":" + port + "/" + database + suffix);
        props.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + port + "/" + database + suffix);
        if (username != null) {
            props.put("quarkus.datasource.username", username);
        }
        if (password != null) {
            props.put("quarkus.datasource.password", password);
        }
        return props;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
