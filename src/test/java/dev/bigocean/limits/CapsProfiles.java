package dev.bigocean.limits;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Profiles for the client and global spending caps: model prices ×1000 so that one Nerin turn costs cents. */
final class CapsProfiles {

    static final long CLIENT_CAP_CENTS = 200;
    static final long GLOBAL_CAP_CENTS = 10;

    private CapsProfiles() {
    }

    private static Map<String, String> expensive(String clientCap, String globalCap) {
        return Map.of(
                "bigocean.pricing.\"gpt-4o-mini\".input", "150",
                "bigocean.pricing.\"gpt-4o-mini\".output", "600",
                "bigocean.ratelimit.trusted-proxy-header", "X-Forwarded-For",
                "bigocean.budget.client-daily-limit-cents", clientCap,
                "bigocean.budget.global-daily-limit-cents", globalCap);
    }

    /** A low cap per anonymous client address; a generous global ceiling. */
    public static class ClientCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return expensive(String.valueOf(CLIENT_CAP_CENTS), "100000000");
        }
    }

    /** A global ceiling below the cost of one turn. */
    public static class GlobalCeiling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return expensive("100000000", String.valueOf(GLOBAL_CAP_CENTS));
        }
    }
}
