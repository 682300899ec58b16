package dev.bigocean.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * An API key variable that is set but empty ({@code OPENAI_API_KEY=} from an env file template) means "no key", as an
 * absent one does. A property expression only falls back to its default when the variable is absent, so the
 * quarkus-langchain4j key would expand to "" and the start would fail on a configuration error naming a Quarkus
 * property. For each role whose effective key variable is blank, this source gives that property the placeholder the
 * expression gives when the variables are absent; {@link LlmConfig} then sees no key, so the role runs offline (or the
 * packaged service refuses to start with its own message). Between application.properties (250) and the environment
 * (300), so an explicitly set {@code quarkus.langchain4j.openai.<role>.api-key} still wins.
 */
public class BlankModelKeysConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 275;
    static final String PLACEHOLDER = "offline";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> values = new HashMap<>();
        for (String role : List.of("nerin", "analyzer")) {
            String key = firstPresent(context, role.toUpperCase() + "_API_KEY", "OPENAI_API_KEY");
            if (key != null && key.isBlank()) {
                values.put("quarkus.langchain4j.openai." + role + ".api-key", PLACEHOLDER);
            }
        }
        return List.of(new PropertiesConfigSource(values, "bigocean-blank-model-keys", ORDINAL));
    }

    /** The value of the first variable that is set (possibly empty), as {@code ${A:${B:…}}} resolves; null if none. */
    private static String firstPresent(ConfigSourceContext context, String... names) {
        for (String name : names) {
            ConfigValue value = context.getValue(name);
            if (value != null && value.getValue() != null) {
                return value.getValue();
            }
        }
        return null;
    }
}
