package dev.bigocean.platform;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Application;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL (zonky binaries) and Redis servers started inside the JVM's process tree for a zero-config run.
 * Their data lives under the data directory ({@code BIGOCEAN_DATA_DIR}, default {@code ~/.bigocean}) and survives
 * restarts. Ports are published as system properties so a dev-mode hot reload (a new class loader) reuses the running
 * servers instead of starting a second pair.
 * <p>
 * The first server started takes a lock on the data directory for the life of the JVM: a second instance on the same
 * directory fails at once with a clear message. Holding the lock also proves that pid files in the directory are
 * leftovers of a run that was killed, so their servers are stopped ({@link LeftoverServer}) before new ones start.
 * The servers are stopped by one JVM shutdown hook that first waits for the application to stop, so connection
 * pools and the analysis worker's LISTEN connection close before PostgreSQL and Redis go away.
 */
public final class EmbeddedServers {

    private static final Logger LOG = Logger.getLogger(EmbeddedServers.class);
    private static final String PG_PORT = "bigocean.embedded.postgres.port";
    private static final String REDIS_PORT = "bigocean.embedded.redis.port";
    static final String LOCK_FILE = "bigocean.lock";
    static final String REDIS_PID_FILE = "redis.pid";
    private static final Duration LEFTOVER_STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration REDIS_START_WAIT = Duration.ofSeconds(60);
    private static final Duration APPLICATION_STOP_WAIT = Duration.ofSeconds(60);

    private static Owner owner;
    private static RuntimeException postgresFailure;
    private static RuntimeException redisFailure;

    private EmbeddedServers() {
    }

    static synchronized int postgresPort(String dataDir) {
        String running = System.getProperty(PG_PORT);
        if (running != null) {
            return Integer.parseInt(running);
        }
        if (postgresFailure != null) {
            throw postgresFailure;
        }
        Path dir = Path.of(dataDir, "postgres").toAbsolutePath();
        try {
            EmbeddedPlatform.current().requirePostgres();
            Owner servers = claim(Path.of(dataDir));
            Files.createDirectories(dir);
            LeftoverServer.stop(dir.resolve("postmaster.pid"), "postgres", dir.toString(), "Embedded PostgreSQL", LEFTOVER_STOP_WAIT);
            EmbeddedPostgres pg = postgresBuilder(dir.toFile(), freePort(), false).setRegisterShutdownHook(false).start();
            servers.postgres = pg;
            System.setProperty(PG_PORT, String.valueOf(pg.getPort()));
            LOG.infof("Embedded PostgreSQL started on 127.0.0.1:%d, data in %s", pg.getPort(), dir);
            return pg.getPort();
        } catch (IOException | RuntimeException e) {
            postgresFailure = failure("embedded PostgreSQL", dir, "DATABASE_URL", e);
            throw postgresFailure;
        }
    }

    static synchronized int redisPort(String dataDir) {
        String running = System.getProperty(REDIS_PORT);
        if (running != null) {
            return Integer.parseInt(running);
        }
        if (redisFailure != null) {
            throw redisFailure;
        }
        Path dir = Path.of(dataDir, "redis").toAbsolutePath();
        try {
            EmbeddedPlatform.current().requireRedis();
            Owner servers = claim(Path.of(dataDir));
            Files.createDirectories(dir);
            LeftoverServer.stop(dir.resolve(REDIS_PID_FILE), "redis-server", null, "Embedded Redis", LEFTOVER_STOP_WAIT);
            int port = freePort();
            servers.redis = launchRedis(port, dir);
            servers.redisPort = port;
            System.setProperty(REDIS_PORT, String.valueOf(port));
            LOG.infof("Embedded Redis started on 127.0.0.1:%d, data in %s", port, dir);
            return port;
        } catch (IOException | RuntimeException e) {
            redisFailure = failure("embedded Redis", dir, "REDIS_URL", e);
            throw redisFailure;
        }
    }

    private static RuntimeException failure(String what, Path dir, String urlVariable, Exception e) {
        if (e instanceof IllegalStateException clear && clear.getCause() == null) {
            return clear;
        }
        String message = String.format("Could not start %s in %s (%s); set %s to use another server", what, dir, e, urlVariable);
        LOG.error(message, e);
        return new IllegalStateException(message, e);
    }

    /** Starts a PostgreSQL server; {@code clean} wipes the data directory when it stops (tests). */
    static EmbeddedPostgres startPostgres(File dataDirectory, int port) throws IOException {
        return startPostgres(dataDirectory, port, false);
    }

    public static EmbeddedPostgres startPostgres(File dataDirectory, int port, boolean clean) throws IOException {
        return postgresBuilder(dataDirectory, port, clean).start();
    }

    private static EmbeddedPostgres.Builder postgresBuilder(File dataDirectory, int port, boolean clean) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(clean)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", clean ? "off" : "on");
    }

    /** Starts a Redis server bound to loopback that keeps nothing on disk (tests). */
    public static RedisServer startRedis(int port, Path dir) throws IOException {
        var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1");
        if (dir != null) {
            builder.setting("dir " + quoted(dir)).setting("appendonly yes");
        } else {
            builder.setting("save \"\"").setting("appendonly no");
        }
        RedisServer server = builder.build();
        server.start();
        return server;
    }

    /**
     * The application's Redis: a plain child process (not {@link RedisServer#start()}, whose own shutdown hook would stop
     * Redis while the application still uses it), with an append-only file and a pid file in {@code dir}.
     */
    private static Process launchRedis(int port, Path dir) throws IOException {
        List<String> command = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("dir " + quoted(dir))
                .setting("appendonly yes")
                .setting("pidfile " + quoted(dir.resolve(REDIS_PID_FILE)))
                .buildCommandArgs();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        StringBuilder early = new StringBuilder();
        Thread output = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (ready.getCount() > 0) {
                        early.append(line).append('\n');
                        if (line.toLowerCase().contains("ready to accept connections")) {
                            ready.countDown();
                        }
                    }
                    LOG.debugf("redis: %s", line);
                }
            } catch (IOException e) {
                LOG.debugf("Embedded Redis output closed: %s", e);
            }
        }, "embedded-redis-output");
        output.setDaemon(true);
        output.start();
        try {
            if (!ready.await(REDIS_START_WAIT.toMillis(), TimeUnit.MILLISECONDS) || !process.isAlive()) {
                process.destroyForcibly();
                output.join(2000);
                String said = early.toString().strip();
                if (said.contains("libssl") || said.contains("libcrypto")) {
                    throw new IllegalStateException("The embedded Redis binary needs OpenSSL 3 (macOS: brew install openssl@3; "
                            + "Linux: the libssl3 package), or set REDIS_URL to a Redis server");
                }
                throw new IOException("Redis did not start: " + said);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while starting Redis", e);
        }
        return process;
    }

    /** A Redis configuration value in single quotes: spaces and Windows back-slashes are taken literally. */
    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath() + "'";
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * Locks the data directory for this JVM (once) and registers the hook that stops the servers. A lock held by
     * another process means another instance is running on the same directory: that fails at once.
     */
    private static Owner claim(Path dataDir) throws IOException {
        if (owner != null) {
            return owner;
        }
        Files.createDirectories(dataDir);
        Path lockFile = dataDir.toAbsolutePath().resolve(LOCK_FILE);
        RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
        FileLock lock;
        try {
            // Lock one byte past the content, so other processes can still read the pid written below (Windows).
            lock = file.getChannel().tryLock(Long.MAX_VALUE - 1, 1, false);
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = readOwner(file.getChannel());
            file.close();
            throw new IllegalStateException(String.format(
                    "The data directory %s is in use by another running Big Ocean instance%s: stop it, or set BIGOCEAN_DATA_DIR to another directory",
                    dataDir.toAbsolutePath(), holder.isEmpty() ? "" : " (pid " + holder + ")"));
        }
        file.setLength(0);
        file.write(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII));
        owner = new Owner(file, lock);
        Runtime.getRuntime().addShutdownHook(new Thread(owner::stop, "embedded-servers-stop"));
        return owner;
    }

    private static String readOwner(FileChannel channel) {
        try {
            var buffer = java.nio.ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * What this JVM started in the data directory. Referenced by the shutdown hook, so it lives as long as the JVM
     * (across dev-mode reloads) and the data directory lock with it.
     */
    private static final class Owner {
        private final RandomAccessFile lockFile;
        private final FileLock lock;
        private volatile EmbeddedPostgres postgres;
        private volatile Process redis;
        private volatile int redisPort;

        Owner(RandomAccessFile lockFile, FileLock lock) {
            this.lockFile = lockFile;
            this.lock = lock;
        }

        /** Waits for the application to stop (pools closed), then stops Redis and PostgreSQL. */
        void stop() {
            awaitApplicationStop();
            Process redisProcess = redis;
            if (redisProcess != null) {
                stopRedis(redisProcess, redisPort);
            }
            EmbeddedPostgres pg = postgres;
            if (pg != null) {
                try {
                    pg.close();
                } catch (IOException | RuntimeException e) {
                    LOG.debug("Embedded PostgreSQL stop failed", e);
                }
            }
            try {
                lock.release();
                lockFile.close();
            } catch (IOException e) {
                LOG.debug("Could not release the data directory lock", e);
            }
        }

        private static void awaitApplicationStop() {
            Application application = Application.currentApplication();
            if (application == null) {
                return;
            }
            Thread waiter = new Thread(application::awaitShutdown, "embedded-servers-await-stop");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(APPLICATION_STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** SHUTDOWN over the protocol (saves and syncs the append-only file on every platform), else a signal. */
        private static void stopRedis(Process process, int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                OutputStream out = socket.getOutputStream();
                out.write("*1\r\n$8\r\nSHUTDOWN\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.setSoTimeout(10_000);
                socket.getInputStream().read();
            } catch (IOException e) {
                LOG.debugf("Redis SHUTDOWN command: %s", e);
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroy();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
