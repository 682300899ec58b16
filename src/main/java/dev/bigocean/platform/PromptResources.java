package dev.bigocean.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Sizes of prompt resource files, for the worst-case cost a model call reserves before it is made. */
public final class PromptResources {

    private PromptResources() {
    }

    /** The total length in characters of the given classpath resources. */
    public static int chars(String... resources) {
        int total = 0;
        for (String resource : resources) {
            try (InputStream in = PromptResources.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing prompt resource " + resource);
                }
                total += new String(in.readAllBytes(), StandardCharsets.UTF_8).length();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }
}
