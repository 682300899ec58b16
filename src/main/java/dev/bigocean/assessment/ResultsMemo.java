package dev.bigocean.assessment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.bigocean.assessment.api.ResultsResponse;

/**
 * The JSON of recent results, by what they are computed from: a session's facet aggregates, its analysis mode and the
 * values the {@link ResultsExtension}s selected. Results are a pure function of those inputs, so a memo entry is never
 * stale and needs no invalidation: a read whose inputs changed (new evidence, new answers) has another key. A repeated
 * read skips the scoring rules, the archetype, the extensions' work and the serialisation, which were more than a third
 * of its CPU time. Entries hold no session id (two sessions with the same inputs have the same results) and are kept
 * per instance, at most {@link #MAX_BYTES} of JSON, least recently used out first.
 */
@ApplicationScoped
class ResultsMemo {

    /** The JSON kept at most: a few hundred results with questionnaire answers, a thousand without. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private final ObjectMapper json;
    private final Cache<Key, byte[]> results = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((Key key, byte[] value) -> value.length)
            .executor(Runnable::run) // upkeep on the calling thread: a few map operations, no pool hand-off
            .build();

    ResultsMemo(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON of the results computed from {@code key}'s inputs: remembered, or {@code compute}d and serialised now. */
    byte[] json(Key key, Supplier<ResultsResponse> compute) {
        return results.get(key, k -> serialise(compute.get()));
    }

    private byte[] serialise(ResultsResponse response) {
        try {
            return json.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inputs of a session's results; equal keys give equal results. */
    static final class Key {

        private final ScoringService.Facets facets;
        private final String analysisMode;
        private final List<Object> extensions;
        private final int hash;

        Key(ScoringService.Facets facets, String analysisMode, List<Object> extensions) {
            this.facets = facets;
            this.analysisMode = analysisMode;
            this.extensions = extensions;
            this.hash = Objects.hash(Arrays.hashCode(facets.rawScores()), Arrays.hashCode(facets.confidences()),
                    analysisMode, extensions);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && hash == k.hash && analysisMode.equals(k.analysisMode)
                    && Arrays.equals(facets.rawScores(), k.facets.rawScores())
                    && Arrays.equals(facets.confidences(), k.facets.confidences()) && extensions.equals(k.extensions);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
