package dev.bigocean.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
    private static RedisServer redis;
    private static int redisPort;
    private static OpenAiStub stub;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (postgres == null) {
                File dir = Files.createTempDirectory("bigocean-test-pg").toFile();
                postgres = EmbeddedServers.startPostgres(dir, EmbeddedServers.freePort(), true);
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
