package dev.bigocean.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.PostgresUnreachableProfile;
import dev.bigocean.testsupport.Warnings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The hourly expiry sweep while PostgreSQL is away: one WARN, and the run ends normally for the next to retry. */
@QuarkusTest
@TestProfile(PostgresUnreachableProfile.class)
class SessionExpiryOutageIT {

    @Inject
    SessionExpiry expiry;

    @Test
    void aSweepWithoutPostgresIsOneWarningAndNoFailure() {
        try (Warnings warnings = Warnings.capture()) {
            expiry.sweep().await().atMost(Duration.ofSeconds(30));
            assertTrue(warnings.noErrorOrStackTrace(), warnings.lines().toString());
            assertEquals(1, warnings.records().stream().filter(r -> r.getLoggerName().equals(SessionExpiry.class.getName()))
                    .count(), warnings.lines().toString());
        }
    }
}
