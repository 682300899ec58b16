package dev.bigocean.identity;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Turns the OIDC tenant on exactly when {@code OIDC_ISSUER_URL} is set, so one variable enables bearer tokens and
 * without it the service starts with OIDC off. Below application.properties (250) on purpose, so an explicit
 * {@code quarkus.oidc.tenant-enabled} (env, test profile) still wins.
 */
public class OidcConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue issuer = context.getValue("OIDC_ISSUER_URL");
        boolean enabled = issuer != null && issuer.getValue() != null && !issuer.getValue().isBlank();
        return List.of(new PropertiesConfigSource(Map.of("quarkus.oidc.tenant-enabled", String.valueOf(enabled)),
                "bigocean-oidc-switch", ORDINAL));
    }
}
