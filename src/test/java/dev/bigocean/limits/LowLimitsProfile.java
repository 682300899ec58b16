package dev.bigocean.limits;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Low request limits behind a trusted proxy header (each test uses its own client addresses), short reservation
 * lifetimes and a short Redis retry interval.
 */
public class LowLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "bigocean.ratelimit.requests", "5",
                "bigocean.ratelimit.auth-requests", "3",
                "bigocean.ratelimit.window", "PT1H",
                "bigocean.ratelimit.trusted-proxy-header", "X-Forwarded-For",
                "bigocean.budget.reservation-ttl", "PT2S",
                "bigocean.outage.retry-after", "PT1S");
    }
}
