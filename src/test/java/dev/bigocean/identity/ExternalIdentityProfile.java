package dev.bigocean.identity;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** OIDC bearer tokens from a local mock identity provider, and the Have I Been Pwned check against a local stub. */
public class ExternalIdentityProfile implements QuarkusTestProfile {

    static final String ISSUER = "https://server.example.com";
    static final String AUDIENCE = "https://service.example.com";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                "quarkus.oidc.client-id", "quarkus-service-app",
                "quarkus.oidc.token.audience", AUDIENCE,
                "bigocean.auth.hibp.enabled", "true",
                "bigocean.auth.hibp.timeout", "PT0.5S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OidcWiremockTestResource.class), new TestResourceEntry(HibpStub.class));
    }
}
