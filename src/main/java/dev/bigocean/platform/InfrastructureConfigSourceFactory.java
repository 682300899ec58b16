package dev.bigocean.platform;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Decides where PostgreSQL and Redis are, before any extension reads its configuration.
 * <ul>
 * <li>{@code DATABASE_URL} ({@code postgresql://user:pass@host:port/db}, as Railway and Heroku give it) becomes the
 * reactive and JDBC datasource settings; {@code REDIS_URL} becomes {@code quarkus.redis.hosts}.</li>
 * <li>Without them (and with {@code bigocean.embedded.enabled}, the default), embedded real servers are started on the
 * first read of their URL: see {@link EmbeddedInfrastructureSource}.</li>
 * </ul>
 * Explicit {@code quarkus.datasource.*} / {@code quarkus.redis.hosts} settings (env, system properties, test resources)
 * have a higher ordinal and win.
 */
public class InfrastructureConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(InfrastructureConfigSourceFactory.class);
    static final int ORDINAL = 240;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String databaseUrl = text(context, "DATABASE_URL");
        String redisUrl = text(context, "REDIS_URL");
        boolean embeddedEnabled = !"false".equalsIgnoreCase(text(context, "bigocean.embedded.enabled"));

        Map<String, String> external = new java.util.HashMap<>();
        if (databaseUrl != null) {
            external.putAll(DatabaseUrl.parse(databaseUrl).toQuarkusProperties());
        }
        if (redisUrl != null) {
            external.put("quarkus.redis.hosts", redisUrl);
        }
        boolean embedPostgres = databaseUrl == null && embeddedEnabled && !explicitlyConfigured(context, "quarkus.datasource.reactive.url");
        boolean embedRedis = redisUrl == null && embeddedEnabled && !explicitlyConfigured(context, "quarkus.redis.hosts");
        if ((embedPostgres || embedRedis) && !EmbeddedInfrastructureSource.available()) {
            LOG.debug("Embedded servers are not on the classpath; DATABASE_URL and REDIS_URL must be set");
            embedPostgres = false;
            embedRedis = false;
        }
        String dataDir = text(context, "bigocean.embedded.data-dir");
        if (dataDir == null) {
            dataDir = text(context, "BIGOCEAN_DATA_DIR");
        }
        if (dataDir == null) {
            dataDir = System.getProperty("user.home") + "/.bigocean";
        }
        external.put("bigocean.infrastructure.mode", describe(databaseUrl != null, embedPostgres, redisUrl != null, embedRedis));
        return List.of(
                new PropertiesConfigSource(external, "bigocean-external-urls", ORDINAL),
                new EmbeddedInfrastructureSource(embedPostgres, embedRedis, dataDir, ORDINAL - 1));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }

    private static String describe(boolean pgUrl, boolean pgEmbedded, boolean redisUrl, boolean redisEmbedded) {
        String pg = pgUrl ? "postgresql=DATABASE_URL" : pgEmbedded ? "postgresql=embedded" : "postgresql=configured";
        String redis = redisUrl ? "redis=REDIS_URL" : redisEmbedded ? "redis=embedded" : "redis=configured";
        return pg + ", " + redis;
    }

    private static boolean explicitlyConfigured(ConfigSourceContext context, String name) {
        return text(context, name) != null;
    }

    private static String text(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            return null;
        }
        return value.getValue().trim();
    }
}
