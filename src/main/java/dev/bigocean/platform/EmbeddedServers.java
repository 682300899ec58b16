package dev.bigocean.platform;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL (zonky binaries) and Redis servers started inside the JVM's process tree for a zero-config run.
 * Their data lives under the data directory ({@code BIGOCEAN_DATA_DIR}, default {@code ~/.bigocean}) and survives
 * restarts. Ports are published as system properties so a dev-mode hot reload (a new class loader) reuses the running
 * servers instead of starting a second pair.
 */
public final class EmbeddedServers {

    private static final Logger LOG = Logger.getLogger(EmbeddedServers.class);
    private static final String PG_PORT = "bigocean.embedded.postgres.port";
    private static final String REDIS_PORT = "bigocean.embedded.redis.port";

    private EmbeddedServers() {
    }

    static synchronized int postgresPort(String dataDir) {
        String running = System.getProperty(PG_PORT);
        if (running != null) {
            return Integer.parseInt(running);
        }
        Path dir = Path.of(dataDir, "postgres");
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres pg = startPostgres(dir.toFile(), freePort());
            System.setProperty(PG_PORT, String.valueOf(pg.getPort()));
            LOG.infof("Embedded PostgreSQL started on 127.0.0.1:%d, data in %s", pg.getPort(), dir);
            return pg.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dir, e);
        }
    }

    /** Starts a PostgreSQL server; {@code clean} wipes the data directory when it stops (tests). */
    public static EmbeddedPostgres startPostgres(File dataDirectory, int port) throws IOException {
        return startPostgres(dataDirectory, port, false);
    }

    public static EmbeddedPostgres startPostgres(File dataDirectory, int port, boolean clean) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(clean)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", clean ? "off" : "on")
                .start();
    }

    static synchronized int redisPort(String dataDir) {
        String running = System.getProperty(REDIS_PORT);
        if (running != null) {
            return Integer.parseInt(running);
        }
        Path dir = Path.of(dataDir, "redis");
        try {
            Files.createDirectories(dir);
            int port = freePort();
            RedisServer server = startRedis(port, dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server), "embedded-redis-stop"));
            System.setProperty(REDIS_PORT, String.valueOf(port));
            LOG.infof("Embedded Redis started on 127.0.0.1:%d, data in %s", port, dir);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded Redis in " + dir, e);
        }
    }

    /** Starts a Redis server bound to loopback; {@code dir} null keeps nothing on disk (tests). */
    public static RedisServer startRedis(int port, Path dir) throws IOException {
        var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1");
        if (dir != null) {
            builder.setting("dir " + dir.toAbsolutePath()).setting("appendonly yes");
        } else {
            builder.setting("save \"\"").setting("appendonly no");
        }
        RedisServer server = builder.build();
        server.start();
        return server;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void stopQuietly(RedisServer server) {
        try {
            server.stop();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Embedded Redis stop failed", e);
        }
    }
}
