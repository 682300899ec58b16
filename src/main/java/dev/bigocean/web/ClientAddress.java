package dev.bigocean.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.platform.Sha256;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.net.SocketAddress;

/**
 * The caller's IP address and scheme. Forwarded headers are believed only when a trusted proxy header is configured
 * ({@code TRUSTED_PROXY_HEADER}): without a proxy in front, anyone could send them.
 */
@ApplicationScoped
public class ClientAddress {

    private final Optional<String> trustedProxyHeader;
    private final int trustedProxyHops;

    /** The settings are {@code TRUSTED_PROXY_HEADER} and {@code TRUSTED_PROXY_HOPS} (see the README). */
    public ClientAddress(WebConfig.TrustedProxy config) {
        this.trustedProxyHeader = config.trustedProxyHeader().filter(h -> !h.isBlank());
        this.trustedProxyHops = config.trustedProxyHops();
    }

    /** The address of the HTTP request being handled on this thread, if any (none in background work). */
    public Optional<String> currentIp() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        RoutingContext current = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
        return current == null ? Optional.empty() : Optional.of(ip(current.request()));
    }

    /**
     * A stable pseudonym of an address for limit keys and records, so that none is kept in the clear: the first 128 bits
     * of the SHA-256 of the address (IPv6: of its /64 network, which one subscriber usually holds whole).
     */
    public static String pseudonym(String ip) {
        String subject = ip;
        if (ip.indexOf(':') >= 0 && ip.matches("[0-9A-Fa-f:.]+")) { // a literal only: never a name lookup
            try {
                byte[] address = InetAddress.getByName(ip).getAddress();
                if (address.length == 16) {
                    subject = HexFormat.of().formatHex(address, 0, 8) + "::/64";
                }
            } catch (UnknownHostException | SecurityException e) {
                // not a literal address: hash it as it is
            }
        }
        return HexFormat.of().formatHex(Sha256.digest(subject), 0, 16);
    }

    public String ip(HttpServerRequest request) {
        Optional<String> header = trustedProxyHeader;
        if (header.isPresent()) {
            String value = request.getHeader(header.get());
            if (value != null && !value.isBlank()) {
                String[] hops = value.split(",");
                int index = Math.max(0, hops.length - Math.max(1, trustedProxyHops));
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
        if (trustedProxyHeader.isPresent()) {
            String proto = request.getHeader("X-Forwarded-Proto");
            return proto != null && proto.split(",")[0].trim().equalsIgnoreCase("https");
        }
        return false;
    }
}
