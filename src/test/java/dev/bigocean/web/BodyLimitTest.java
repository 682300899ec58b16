package dev.bigocean.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * A body limit too small for the longest message fails the start with a sentence saying what is needed; a body read
 * without a declared length is measured in UTF-8 against the limit when it is parsed.
 */
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

    @Test
    void aBodyReadWithoutALengthIsMeasuredInUtf8() {
        JsonBody json = new JsonBody(new ObjectMapper(), bytes(1000));
        String within = "{\"a\":\"" + "é".repeat(495) + "\"}"; // 8 + 990 bytes
        assertEquals(495, json.read(within, JsonNode.class).path("a").asText().length());
        ApiException over = assertThrows(ApiException.class, () -> json.read("{\"a\":\"" + "é".repeat(497) + "\"}", JsonNode.class));
        assertEquals("PayloadTooLarge", over.tag());
        assertEquals(413, over.status());
        // Four bytes for a surrogate pair, three for a CJK character.
        assertThrows(ApiException.class, () -> json.read("{\"a\":\"" + "\uD83D\uDE00".repeat(249) + "\"}", JsonNode.class));
        assertThrows(ApiException.class, () -> json.read("{\"a\":\"" + "語".repeat(331) + "\"}", JsonNode.class));
        assertDoesNotThrow(() -> json.read("{\"a\":\"" + "語".repeat(330) + "\"}", JsonNode.class));
        // U+FFFD may stand for one byte that was not UTF-8: counted as one, so what was sent within the limit passes.
        assertDoesNotThrow(() -> json.read("{\"a\":\"" + "\uFFFD".repeat(990) + "\"}", JsonNode.class));
    }
}
