package dev.bigocean.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Prompt resource files: their text, and their sizes for the worst-case cost a model call reserves before it is made.
 */
public final class PromptResources {

    private PromptResources() {
    }

    /** The total length in characters of the given classpath resources. */
    public static int chars(String... resources) {
        int total = 0;
        for (String resource : resources) {
            total += text(resource).length();
        }
        return total;
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
