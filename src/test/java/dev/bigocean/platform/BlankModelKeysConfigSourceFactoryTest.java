package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/** A key variable set to an empty value means no key; a real key, or no variable at all, adds nothing. */
class BlankModelKeysConfigSourceFactoryTest {

    private static Map<String, String> given(Map<String, String> environment) {
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(environment.get(name)).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return environment.keySet().iterator();
            }
        };
        Map<String, String> values = new TreeMap<>();
        for (ConfigSource source : new BlankModelKeysConfigSourceFactory().getConfigSources(context)) {
            assertEquals(BlankModelKeysConfigSourceFactory.ORDINAL, source.getOrdinal());
            values.putAll(source.getProperties());
        }
        return values;
    }

    @Test
    void anEmptySharedKeyPutsBothRolesOnThePlaceholder() {
        assertEquals(Map.of("quarkus.langchain4j.openai.analyzer.api-key", "offline",
                "quarkus.langchain4j.openai.nerin.api-key", "offline"), given(Map.of("OPENAI_API_KEY", "")));
        assertEquals(2, given(Map.of("OPENAI_API_KEY", "   ")).size());
    }

    @Test
    void aRoleKeyIsUsedBeforeTheSharedOneAsTheExpressionDoes() {
        assertEquals(Map.of("quarkus.langchain4j.openai.nerin.api-key", "offline"),
                given(Map.of("NERIN_API_KEY", "", "OPENAI_API_KEY", "sk-real")));
        assertEquals(Map.of("quarkus.langchain4j.openai.analyzer.api-key", "offline"),
                given(Map.of("NERIN_API_KEY", "sk-nerin", "OPENAI_API_KEY", "")));
    }

    @Test
    void realOrAbsentKeysAddNothing() {
        assertEquals(Map.of(), given(Map.of()));
        assertEquals(Map.of(), given(Map.of("OPENAI_API_KEY", "sk-real")));
    }
}
