package dev.bigocean.web;

import java.math.BigInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;

/** {@link JsonBody} outside the container, for unit tests of other packages. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** A {@link JsonBody} with a plain {@link ObjectMapper} and a body limit of {@code maxBytes}. */
    public static JsonBody withLimit(long maxBytes) {
        return new JsonBody(new ObjectMapper(), new MemorySize(BigInteger.valueOf(maxBytes)));
    }
}
