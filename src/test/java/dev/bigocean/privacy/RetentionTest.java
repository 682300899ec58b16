package dev.bigocean.privacy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The start-up check of the purge's settings. */
class RetentionTest {

    @Test
    void aBatchSizeBelowOneStopsTheStart() {
        assertDoesNotThrow(() -> retention(1).checkBatchSize(null));
        for (int size : new int[] { 0, -5 }) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> retention(size).checkBatchSize(null));
            assertTrue(refused.getMessage().contains("RETENTION_BATCH_SIZE"), refused.getMessage());
        }
    }

    private static Retention retention(int batchSize) {
        return new Retention(null, new RetentionConfig() {
            @Override
            public String every() {
                return "PT1H";
            }

            @Override
            public Duration expiredSignInSessions() {
                return Duration.ofDays(1);
            }

            @Override
            public Duration finishedAnalysisJobs() {
                return Duration.ofDays(30);
            }

            @Override
            public Duration idempotencyKeys() {
                return Duration.ofHours(24);
            }

            @Override
            public Duration abandonedAnonymousSessions() {
                return Duration.ofDays(30);
            }

            @Override
            public int batchSize() {
                return batchSize;
            }
        }, null);
    }
}
