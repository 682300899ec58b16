package dev.bigocean.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;

/** A body limit too small for the longest message fails the start with a sentence saying what is needed. */
class BodyLimitTest {

    private static MemorySize bytes(long value) {
        return new MemorySize(BigInteger.valueOf(value));
    }

    @Test
    void theLimitMustHoldTheLongestMessage() {
        ObjectMapper mapper = new ObjectMapper();
        assertDoesNotThrow(() -> new BodyLimit(bytes(65_536), 4000, bytes(262_144), mapper));
        assertDoesNotThrow(() -> new BodyLimit(bytes(4000 * 6 + 1024), 4000, bytes(262_144), mapper));
        IllegalStateException small = assertThrows(IllegalStateException.class,
                () -> new BodyLimit(bytes(4000 * 6 + 1023), 4000, bytes(262_144), mapper));
        assertTrue(small.getMessage().contains("MAX_BODY_SIZE") && small.getMessage().contains("25024"), small.getMessage());
        assertThrows(IllegalStateException.class, () -> new BodyLimit(bytes(65_536), 20_000, bytes(262_144), mapper));
    }

    @Test
    void theLimitMayNotExceedWhatQuarkusRestParsesFromMemory() {
        IllegalStateException large = assertThrows(IllegalStateException.class,
                () -> new BodyLimit(bytes(262_145), 4000, bytes(262_144), new ObjectMapper()));
        assertTrue(large.getMessage().contains("MAX_BODY_SIZE") && large.getMessage().contains("262144"), large.getMessage());
    }
}
