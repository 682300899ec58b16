package dev.bigocean.assessment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The JSON of recent reads, by everything it is computed from. {@code /results} is a pure function of a session's facet
 * aggregates, its analysis mode and the values the {@link ResultsExtension}s selected; {@code /resume} of its messages,
 * its facet confidences and its state; a public profile of its session's facet aggregates, its visibility and the
 * answers it shows; the questionnaire scores a {@code PUT} of answers returns, of all the session's answers. A read
 * builds the {@link Key} of what it read and gets the JSON the same inputs gave before, if kept, so an entry is never
 * stale and nothing needs invalidating: a read whose inputs changed (new evidence, answers or messages) has another key.
 * A repeated read skips the scoring rules, the archetype, the extensions' work, building the response and serialising
 * it. Entries hold no session id (two sessions with the same results share one) and are kept per instance: at most
 * {@link #MAX_BYTES} of JSON and keys together, least recently used out first.
 */
@ApplicationScoped
public class JsonMemo {

    /** JSON and keys kept at most: a few hundred results, or about a hundred conversations of 50 messages. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private final ObjectMapper json;
    private final Cache<Key, byte[]> kept = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((Key key, byte[] value) -> key.bytes() + value.length)
            .executor(Runnable::run) // upkeep on the calling thread: a few map operations, no pool hand-off
            .build();

    JsonMemo(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON of what {@code compute} answers for {@code key}'s inputs: kept, or computed and serialised now. */
    public byte[] json(Key key, Supplier<Object> compute) {
        return kept.get(key, k -> serialise(compute.get()));
    }

    /** The JSON kept for {@code key}, or null. */
    public byte[] kept(Key key) {
        return kept.getIfPresent(key);
    }

    private byte[] serialise(Object response) {
        try {
            return json.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything one kind of response is computed from, compared by value ({@link Arrays#deepEquals}): arrays of
     * primitives, strings, UUIDs or times, and values with value equality.
     */
    public static final class Key {

        private final Object[] inputs;
        private final int hash;

        private Key(Object[] inputs) {
            this.inputs = inputs;
            this.hash = Arrays.deepHashCode(inputs);
        }

        /** The key of a response of {@code kind} computed from {@code inputs} alone. */
        public static Key of(String kind, Object... inputs) {
            Object[] all = new Object[inputs.length + 1];
            all[0] = kind;
            System.arraycopy(inputs, 0, all, 1, inputs.length);
            return new Key(all);
        }

        /**
         * Roughly what the inputs take in memory, counted against {@link #MAX_BYTES} with the JSON; only when an entry
         * is kept, not on every lookup.
         */
        private int bytes() {
            return size(inputs);
        }

        private static int size(Object[] inputs) {
            int bytes = 16 + 8 * inputs.length;
            for (Object input : inputs) {
                if (input instanceof String text) {
                    bytes += 40 + 2 * text.length();
                } else if (input instanceof Object[] array) {
                    bytes += size(array);
                } else if (input instanceof double[] array) {
                    bytes += 16 + 8 * array.length;
                } else if (input instanceof int[] array) {
                    bytes += 16 + 4 * array.length;
                } else {
                    bytes += 32;
                }
            }
            return bytes;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && hash == k.hash && Arrays.deepEquals(inputs, k.inputs);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
