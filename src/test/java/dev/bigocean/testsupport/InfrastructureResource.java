package dev.bigocean.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

import dev.bigocean.platform.EmbeddedServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL and Redis servers on free ports for the test run (never H2, never mocks), plus the local
 * OpenAI-compatible stub that every model role talks to.
 */
public class InfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;
    private static File postgresDirectory;
    private static RedisServer redis;
    private static int redisPort;
    private static OpenAiStub stub;

    /** The system property holding the test PostgreSQL's port, once it runs. */
    public static final String POSTGRES_PORT = "bigocean.test.postgres-port";

    /** The system property holding the test Redis's port, once it runs. */
    public static final String REDIS_PORT = "bigocean.test.redis-port";

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (postgres == null) {
                postgresDirectory = Files.createTempDirectory("bigocean-test-pg").toFile();
                postgres = EmbeddedServers.startPostgres(postgresDirectory, EmbeddedServers.freePort(), true);
            }
            if (redis == null) {
                redisPort = EmbeddedServers.freePort();
                redis = EmbeddedServers.startRedis(redisPort, null);
            }
            if (stub == null) {
                stub = OpenAiStub.start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Read by tests whose classes a different class loader holds (a test profile's proxy, FreezableProxy).
        System.setProperty(POSTGRES_PORT, String.valueOf(postgres.getPort()));
        System.setProperty(REDIS_PORT, String.valueOf(redisPort));
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + redisPort);
        config.put("quarkus.langchain4j.openai.nerin.base-url", stub.baseUrl());
        config.put("quarkus.langchain4j.openai.analyzer.base-url", stub.baseUrl());
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every Quarkus application started in this JVM; they stop with it.
    }

    public static OpenAiStub stub() {
        return stub;
    }

    public static RedisServer redis() {
        return redis;
    }

    public static EmbeddedPostgres postgres() {
        return postgres;
    }

    /**
     * Stops the test PostgreSQL (fast shutdown: open connections are cut, as in a real outage) keeping its data, so
     * {@link #startPostgresAgain()} brings the same database back on the same port. POSIX only ({@code pg_ctl}).
     */
    public static synchronized void stopPostgres() {
        ProcessHandle postmaster = postmaster();
        postmasterArguments = postmaster.info().arguments().orElseThrow(() -> new IllegalStateException("postmaster arguments unknown"));
        pgCtl = Path.of(postmaster.info().command().orElseThrow()).resolveSibling("pg_ctl").toString();
        pgCtl("-D", dataDirectory().toString(), "stop", "-m", "fast", "-w", "-t", "30");
    }

    /** Starts the PostgreSQL stopped by {@link #stopPostgres()} again, with the same options, and waits until it accepts connections. */
    public static synchronized void startPostgresAgain() {
        List<String> options = new ArrayList<>(List.of(postmasterArguments));
        int d = options.indexOf("-D");
        options.subList(d, d + 2).clear();
        pgCtl("-D", dataDirectory().toString(), "-o", String.join(" ", options), "-w", "-t", "60", "-l",
                dataDirectory().resolveSibling(dataDirectory().getFileName() + ".log").toString(), "start");
    }

    private static String[] postmasterArguments;
    private static String pgCtl;

    private static Path dataDirectory() {
        return postgresDirectory.toPath();
    }

    private static ProcessHandle postmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory().resolve("postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** pg_ctl refuses to run as root; like zonky, run it in a user namespace then. */
    private static void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(pgCtl);
        command.addAll(List.of(arguments));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (redis != null) {
                    redis.stop();
                }
                if (postgres != null) {
                    postgres.close();
                }
            } catch (IOException | RuntimeException ignored) {
                // shutting down
            }
            if (stub != null) {
                stub.stop();
            }
        }));
    }
}
