package dev.bigocean.limits;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The caller's IP address and scheme. Forwarded headers are believed only when a trusted proxy header is configured
 * ({@code TRUSTED_PROXY_HEADER}): without a proxy in front, anyone could send them.
 */
@ApplicationScoped
public class ClientAddress {

    private final LimitsConfig.RateLimit config;

    public ClientAddress(LimitsConfig.RateLimit config) {
        this.config = config;
    }

    public String ip(HttpServerRequest request) {
        Optional<String> header = config.trustedProxyHeader();
        if (header.isPresent()) {
            String value = request.getHeader(header.get());
            if (value != null && !value.isBlank()) {
                String[] hops = value.split(",");
                int index = Math.max(0, hops.length - Math.max(1, config.trustedProxyHops()));
                String ip = hops[index].trim();
                if (!ip.isEmpty()) {
                    return ip;
                }
            }
        }
        SocketAddress remote = request.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    /** Whether the client reached us over https (directly, or through the trusted proxy). */
    public boolean https(HttpServerRequest request) {
        if (request.isSSL()) {
            return true;
        }
        if (config.trustedProxyHeader().isPresent()) {
            String proto = request.getHeader("X-Forwarded-Proto");
            return proto != null && proto.split(",")[0].trim().equalsIgnoreCase("https");
        }
        return false;
    }
}
