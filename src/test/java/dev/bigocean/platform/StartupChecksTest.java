package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class StartupChecksTest {

    @Test
    void productionNeedsAKeyForEveryRoleUnlessOfflineIsAskedFor() {
        assertTrue(StartupChecks.problems("auto", true, false, false, false, List.of()).get(0).contains("OPENAI_API_KEY"));
        assertEquals(1, StartupChecks.problems("auto", true, true, false, false, List.of()).size(), "a role without key");
        assertEquals(1, StartupChecks.problems("online", true, false, false, false, List.of()).size());
        assertEquals(List.of(), StartupChecks.problems("offline", true, false, false, false, List.of()));
        assertEquals(List.of(), StartupChecks.problems("auto", true, true, true, false, List.of()));
        assertEquals(List.of(), StartupChecks.problems("auto", false, false, false, false, List.of()), "dev runs offline");
    }

    @Test
    void oidcNeedsAnAudience() {
        assertTrue(StartupChecks.problems("auto", false, false, false, true, List.of()).get(0).contains("OIDC_AUDIENCE"));
        assertEquals(1, StartupChecks.problems("auto", false, false, false, true, List.of(" ")).size());
        assertEquals(List.of(), StartupChecks.problems("auto", false, false, false, true, List.of("https://api.example.com")));
        assertEquals(List.of(), StartupChecks.problems("auto", false, false, false, false, List.of()));
    }
}
