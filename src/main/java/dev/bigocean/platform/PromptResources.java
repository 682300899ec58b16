package dev.bigocean.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Prompt resource files: their text (UTF-8), read from the classpath.
 */
public final class PromptResources {

    private PromptResources() {
    }

    /** The text of a classpath resource (UTF-8). */
    public static String text(String resource) {
        try (InputStream in = PromptResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing prompt resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
