package dev.bigocean.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class OidcConfigSourceFactoryTest {

    static boolean tenantEnabled(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(env, "env", 300))
                .withSources(new OidcConfigSourceFactory())
                .build();
        return config.getValue("quarkus.oidc.tenant-enabled", Boolean.class);
    }

    @Test
    void anIssuerUrlTurnsOidcOn() {
        assertTrue(tenantEnabled(Map.of("OIDC_ISSUER_URL", "https://login.example.com/realms/x")));
    }

    @Test
    void withoutAnIssuerOidcStaysOff() {
        assertFalse(tenantEnabled(Map.of()));
        assertFalse(tenantEnabled(Map.of("OIDC_ISSUER_URL", " ")));
    }

    @Test
    void anExplicitSettingWins() {
        assertFalse(tenantEnabled(Map.of("OIDC_ISSUER_URL", "https://login.example.com", "quarkus.oidc.tenant-enabled", "false")));
    }
}
