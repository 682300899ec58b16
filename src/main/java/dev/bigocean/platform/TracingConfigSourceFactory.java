package dev.bigocean.platform;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Turns OpenTelemetry tracing on exactly when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set: without a collector the SDK
 * stays disabled (no exporter retrying against nothing, no warnings). Below application.properties (250) on purpose, so
 * an explicit {@code quarkus.otel.sdk.disabled} (environment, test profile) still wins.
 */
public class TracingConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue endpoint = context.getValue("OTEL_EXPORTER_OTLP_ENDPOINT");
        boolean enabled = endpoint != null && endpoint.getValue() != null && !endpoint.getValue().isBlank();
        return List.of(new PropertiesConfigSource(Map.of("quarkus.otel.sdk.disabled", String.valueOf(!enabled)),
                "bigocean-tracing-switch", ORDINAL));
    }
}
