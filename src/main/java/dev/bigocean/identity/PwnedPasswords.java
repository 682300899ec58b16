package dev.bigocean.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Have I Been Pwned's range API with k-anonymity: only the first 5 hex characters of the password's SHA-1 are sent;
 * the suffixes that come back are compared here. Off unless {@code HIBP_ENABLED=true}. Fails open: a slow or failing
 * API is logged and the password accepted (the shipped list has already been checked).
 */
@ApplicationScoped
class PwnedPasswords {

    private static final Logger LOG = Logger.getLogger(PwnedPasswords.class);

    private final IdentityConfig.Hibp config;
    private final WebClient client;

    PwnedPasswords(IdentityConfig.Auth config, Vertx vertx) {
        this.config = config.hibp();
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("big-ocean-api")
                .setConnectTimeout((int) this.config.timeout().toMillis()));
    }

    /** True when the password is known to be breached; false when it is not, or the check is off or failed. */
    Uni<Boolean> isPwned(String password) {
        if (!config.enabled()) {
            return Uni.createFrom().item(false);
        }
        String sha1 = sha1(password);
        String prefix = sha1.substring(0, 5);
        String suffix = sha1.substring(5);
        String url = config.baseUrl().replaceAll("/+$", "") + "/range/" + prefix;
        return client.getAbs(url).putHeader("Add-Padding", "true").timeout(config.timeout().toMillis()).send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        LOG.warnf("Have I Been Pwned answered %d; accepting the password (fail open)", response.statusCode());
                        return false;
                    }
                    return contains(response.bodyAsString(), suffix);
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Have I Been Pwned unreachable (%s); accepting the password (fail open)", e.toString());
                    return false;
                });
    }

    static boolean contains(String body, String suffix) {
        if (body == null) {
            return false;
        }
        for (String line : body.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(suffix)) {
                String count = line.substring(colon + 1).trim();
                return !count.equals("0"); // padding entries have a count of 0
            }
        }
        return false;
    }

    static String sha1(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
