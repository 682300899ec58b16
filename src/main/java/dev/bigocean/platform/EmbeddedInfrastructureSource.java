package dev.bigocean.platform;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;

/**
 * Supplies the datasource and Redis URLs of embedded servers, starting them the first time a running application reads
 * one of those URLs (so a build, or a run with explicit URLs, never starts them). The servers live in {@link EmbeddedServers}, which is
 * only loaded when the embedded artifacts are on the classpath (they are left out of production images).
 */
final class EmbeddedInfrastructureSource implements ConfigSource {

    private static final String PG_REACTIVE = "quarkus.datasource.reactive.url";
    private static final String PG_JDBC = "quarkus.datasource.jdbc.url";
    private static final String PG_USER = "quarkus.datasource.username";
    private static final String REDIS = "quarkus.redis.hosts";

    private final boolean postgres;
    private final boolean redis;
    private final String dataDir;
    private final int ordinal;
    private final Set<String> names = new HashSet<>();
    private volatile boolean failed;

    EmbeddedInfrastructureSource(boolean postgres, boolean redis, String dataDir, int ordinal) {
        this.postgres = postgres;
        this.redis = redis;
        this.dataDir = dataDir;
        this.ordinal = ordinal;
        if (postgres) {
            names.addAll(Set.of(PG_REACTIVE, PG_JDBC, PG_USER));
        }
        if (redis) {
            names.add(REDIS);
        }
    }

    static boolean available() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", false,
                    EmbeddedInfrastructureSource.class.getClassLoader());
            Class.forName("redis.embedded.RedisServer", false, EmbeddedInfrastructureSource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return names;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> all = new HashMap<>();
        for (String name : names) {
            all.put(name, getValue(name));
        }
        return all;
    }

    @Override
    public String getValue(String name) {
        if (!names.contains(name) || !running()) {
            return null;
        }
        if (failed) {
            return null;
        }
        try {
            return value(name);
        } catch (RuntimeException e) {
            // Reported once: the start fails with this one message instead of one per property read.
            failed = true;
            throw e;
        }
    }

    private String value(String name) {
        if (name.equals(REDIS)) {
            return "redis://127.0.0.1:" + EmbeddedServers.redisPort(dataDir);
        }
        int port = EmbeddedServers.postgresPort(dataDir);
        return switch (name) {
            case PG_REACTIVE -> "postgresql://127.0.0.1:" + port + "/postgres";
            case PG_JDBC -> "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            case PG_USER -> "postgres";
            default -> null;
        };
    }

    /**
     * Only a running application starts servers: during the build (augmentation) and static init nothing is started
     * and no value is given, so no embedded port is ever recorded into the packaged application.
     */
    private static boolean running() {
        ExecutionMode mode = ExecutionMode.current();
        return mode == ExecutionMode.RUNTIME_INIT || mode == ExecutionMode.RUNNING;
    }

    @Override
    public int getOrdinal() {
        return ordinal;
    }

    @Override
    public String getName() {
        return "bigocean-embedded-servers";
    }
}
