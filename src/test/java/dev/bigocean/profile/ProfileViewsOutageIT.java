package dev.bigocean.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.PostgresUnreachableProfile;
import dev.bigocean.testsupport.Warnings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Profile view counts while PostgreSQL is away: kept for the next flush, and one WARN for the whole outage. */
@QuarkusTest
@TestProfile(PostgresUnreachableProfile.class)
class ProfileViewsOutageIT {

    @Inject
    ProfileViews views;

    @Test
    void flushesThatFailInARowAreOneWarning() {
        try (Warnings warnings = Warnings.capture()) {
            views.count(UUID.randomUUID()); // the scheduled flush may take it first: its failure is then the one WARN
            for (int i = 0; i < 3; i++) {
                views.flush().await().atMost(Duration.ofSeconds(30));
            }
            assertTrue(warnings.noErrorOrStackTrace(), warnings.lines().toString());
            assertEquals(1, warnings.records().stream().filter(r -> r.getLoggerName().equals(ProfileViews.class.getName()))
                    .count(), warnings.lines().toString());
        }
    }
}
