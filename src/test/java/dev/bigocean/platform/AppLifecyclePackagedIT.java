package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, built in the package phase; run by failsafe in
 * the integration-test phase) as a developer runs it: no {@code DATABASE_URL} / {@code REDIS_URL}, so embedded
 * PostgreSQL and Redis run as child processes, on a temporary data directory, with the image's 128 MB heap. Five
 * application starts in all:
 * <ol>
 * <li>start, an offline session over HTTP, then {@code kill -9}: the embedded servers outlive the JVM;</li>
 * <li>start again on the same directory: the leftover servers are stopped and replaced, thirty-two 8 MB bodies at once
 * are refused without exhausting the heap, the earlier session is there and goes on; then SIGTERM: the application
 * and both servers stop;</li>
 * <li>start after a newer release has migrated the schema, which still runs this release (a rollback): it starts on it
 * without Flyway; then, once the schema no longer runs this release, a start refuses, naming the versions;</li>
 * <li>start with a setting it refuses ({@code RETENTION_BATCH_SIZE=0}): it names the setting, starts no analysis worker,
 * stops both servers and exits.</li>
 * </ol>
 * The first start migrates the new database with Flyway; the second finds the newest migration applied and does not run
 * Flyway ({@link SchemaMigrations}). Neither of their logs may hold a WARN or ERROR line, a stack trace, or a line in the
 * bootstrap (JUL) format.
 */
class AppLifecyclePackagedIT {

    private static final Duration START_WAIT = Duration.ofMinutes(4);
    private static final Pattern BAD_LINE = Pattern.compile(
            "^\\d\\d:\\d\\d:\\d\\d (WARN|ERROR) .*|^(WARNING|SEVERE): .*|^\\s+at [\\w$.]+\\(.*|.*Exception: .*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path dataDir;
    private static Path logDir;
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void directories() throws IOException {
        dataDir = Files.createTempDirectory("bigocean-packaged-data");
        logDir = Files.createTempDirectory("bigocean-packaged-logs");
    }

    @Test
    void aHardKilledRunIsRecoveredAndANormalRunLogsNoWarning() throws Exception {
        // First run: a short offline session, then the JVM is killed hard.
        App first = App.start("first");
        String sessionId = first.post("/api/assessment/start", "{}").get("sessionId").asText();
        List<String> said = List.of("I plan my week every Sunday evening and keep a tidy calendar.",
                "At parties I love meeting strangers and telling stories.",
                "I get anxious before exams, but I prepare carefully.");
        for (String message : said) {
            first.message(sessionId, message);
        }
        int messagesBefore = first.get("/api/assessment/" + sessionId + "/resume").get("messageCount").asInt();
        assertEquals(1 + 2 * said.size(), messagesBefore, "greeting, then one reply per message");
        long postgres = pid(dataDir.resolve("postgres/postmaster.pid")).orElseThrow();
        long redis = pid(dataDir.resolve("redis/" + EmbeddedServers.REDIS_PID_FILE)).orElseThrow();

        first.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(alive(postgres) && alive(redis), "kill -9 leaves the embedded servers running");

        // Second run on the same directory: it takes over, finds the session, and stops cleanly on SIGTERM.
        App second = App.start("second");
        assertFalse(alive(postgres), "the leftover PostgreSQL was stopped");
        assertFalse(alive(redis), "the leftover Redis was stopped");
        second.survivesLargeBodies(sessionId);
        JsonNode resumed = second.get("/api/assessment/" + sessionId + "/resume");
        assertEquals(messagesBefore, resumed.get("messageCount").asInt(), "every stored message survived the kill");
        assertEquals(said.get(0), resumed.get("messages").get(1).get("content").asText());
        second.message(sessionId, "I like trying recipes from countries I have never visited.");
        int latest = Integer.parseInt(SchemaMigrations.LATEST);
        // What a newer release leaves behind when it migrates: its migration applied, still running this release.
        sql(NewerRelease.migrationApplied(latest + 1), NewerRelease.runsFrom(latest));
        long secondPostgres = pid(dataDir.resolve("postgres/postmaster.pid")).orElseThrow();
        long secondRedis = pid(dataDir.resolve("redis/" + EmbeddedServers.REDIS_PID_FILE)).orElseThrow();

        second.process.destroy();
        assertTrue(second.process.waitFor(90, TimeUnit.SECONDS), "SIGTERM stops the application");
        waitUntilGone(secondPostgres);
        waitUntilGone(secondRedis);
        assertFalse(Files.exists(dataDir.resolve("postgres/postmaster.pid")), "PostgreSQL stopped cleanly");
        assertFalse(Files.exists(dataDir.resolve("redis/" + EmbeddedServers.REDIS_PID_FILE)), "Redis stopped cleanly");

        // A rollback to this release: the newer schema still runs it, so it starts on it as it is, without Flyway.
        App rolledBack = App.start("rolled-back");
        assertTrue(rolledBack.log().contains("newer than this release's " + latest + ", and still runs releases from version "
                + latest + " on: starting without migrating"), rolledBack.log());
        assertEquals(messagesBefore + 2, rolledBack.get("/api/assessment/" + sessionId + "/resume").get("messageCount").asInt());
        // The newer release's next migration no longer runs this one.
        sql(NewerRelease.runsFrom(latest + 1));
        long rolledBackPostgres = pid(dataDir.resolve("postgres/postmaster.pid")).orElseThrow();
        rolledBack.process.destroy();
        assertTrue(rolledBack.process.waitFor(90, TimeUnit.SECONDS), "SIGTERM stops the application");
        waitUntilGone(rolledBackPostgres);
        App tooOld = App.launch("too-old", Map.of());
        assertTrue(tooOld.process.waitFor(120, TimeUnit.SECONDS), "a start on a schema that no longer runs it exits:\n" + tooOld.log());
        assertNotEquals(0, tooOld.process.exitValue());
        assertTrue(tooOld.log().contains("refuses to start: the database schema is at version " + (latest + 1) + " and runs "
                + "releases from version " + (latest + 1) + " on, but this release's is " + latest), tooOld.log());
        assertFalse(Files.exists(dataDir.resolve("postgres/postmaster.pid")), "its PostgreSQL stopped");

        // A last start with a setting the service refuses: it says which, starts no worker on the pool it is closing,
        // stops the embedded servers it started, and exits.
        App refused = App.launch("refused", Map.of("RETENTION_BATCH_SIZE", "0"));
        assertTrue(refused.process.waitFor(120, TimeUnit.SECONDS), "a refused start exits:\n" + refused.log());
        assertNotEquals(0, refused.process.exitValue());
        assertTrue(refused.log().contains("RETENTION_BATCH_SIZE must be at least 1"), refused.log());
        assertFalse(refused.log().contains("Analysis worker"), "no analysis worker started:\n" + refused.log());
        assertFalse(Files.exists(dataDir.resolve("postgres/postmaster.pid")), "its PostgreSQL stopped");
        assertFalse(Files.exists(dataDir.resolve("redis/" + EmbeddedServers.REDIS_PID_FILE)), "its Redis stopped");

        first.assertCleanLog();
        second.assertCleanLog();
        rolledBack.assertCleanLog();
        assertTrue(second.log().contains("Stopped the Embedded PostgreSQL"), "the take-over is logged (INFO)");
        assertTrue(first.log().contains("Successfully applied"), "a new database is migrated by Flyway");
        assertFalse(second.log().contains("Successfully validated"), "an up-to-date one is not: Flyway did not run");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (Process process : started) {
            process.destroyForcibly();
        }
        // If an assertion failed half-way, no server of this test may outlive it. They are gone before their directory
        // is: Redis does not exit on SIGTERM when it cannot write its final snapshot.
        for (Path pidFile : List.of(dataDir.resolve("postgres/postmaster.pid"), dataDir.resolve("redis/" + EmbeddedServers.REDIS_PID_FILE))) {
            Optional<ProcessHandle> server = pid(pidFile).flatMap(ProcessHandle::of);
            if (server.isPresent()) {
                server.get().destroy();
                try {
                    server.get().onExit().get(30, TimeUnit.SECONDS);
                } catch (TimeoutException stillThere) {
                    server.get().destroyForcibly();
                }
            }
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Runs {@code statements} on the embedded PostgreSQL of the application running on {@link #dataDir}. */
    private static void sql(String... statements) throws Exception {
        // postmaster.pid: the server's pid, its data directory, its start time, then its port.
        int port = Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim());
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Optional<Long> pid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void waitUntilGone(long pid) throws Exception {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(60, TimeUnit.SECONDS);
        }
    }

    /** One run of the packaged application, its output captured in a file. */
    private record App(Process process, Path logFile, int port) {

        static App start(String name) throws Exception {
            App app = launch(name, Map.of());
            app.awaitHealthy();
            return app;
        }

        /** Starts the application with {@code settings} added to its environment, without waiting for it. */
        static App launch(String name, Map<String, String> settings) throws Exception {
            Path jar = Path.of(System.getProperty("bigocean.app.jar", "target/quarkus-app/quarkus-run.jar"));
            assertTrue(Files.exists(jar), jar + " is built in the package phase");
            int port = EmbeddedServers.freePort();
            Path log = logDir.resolve(name + ".log");
            // The heap of the image (deploy/Dockerfile), so that what would exhaust it there does here.
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.endsWith("_URL") || key.endsWith("_API_KEY") || key.startsWith("QUARKUS_"));
            env.put("PORT", String.valueOf(port));
            env.put("BIGOCEAN_DATA_DIR", dataDir.toString());
            env.put("LLM_MODE", "offline");
            env.putAll(settings);
            Process process = builder.start();
            started.add(process);
            return new App(process, log, port);
        }

        void awaitHealthy() throws Exception {
            Instant deadline = Instant.now().plus(START_WAIT);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    fail("The application exited with " + process.exitValue() + " during start-up:\n" + log());
                }
                try {
                    HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            fail("The application did not start within " + START_WAIT + ":\n" + log());
        }

        /**
         * Thirty-two bodies of 8 MB at once, as the image's heap takes them: each is refused (413, or the connection
         * closed while it was still being sent) and the service answers on. With the 10 MiB limit it had, they filled
         * the 128 MB heap and the JVM exited.
         */
        void survivesLargeBodies(String sessionId) throws Exception {
            byte[] body = ("{\"sessionId\":\"" + sessionId + "\",\"message\":\"" + "a".repeat(8_000_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            List<CompletableFuture<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                sent.add(HTTP.sendAsync(HttpRequest.newBuilder(uri("/api/assessment/message")).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding())
                        .handle((response, refused) -> response == null ? 413 : response.statusCode()));
            }
            for (CompletableFuture<Integer> each : sent) {
                assertEquals(413, each.get(90, TimeUnit.SECONDS));
            }
            assertTrue(process.isAlive(), "the service survived the large bodies:\n" + log());
            get("/api/assessment/" + sessionId + "/resume");
        }

        JsonNode message(String sessionId, String text) throws Exception {
            JsonNode reply = post("/api/assessment/message",
                    JSON.writeValueAsString(Map.of("sessionId", sessionId, "message", text)));
            assertFalse(reply.get("response").asText().isBlank(), "Nerin answered");
            return reply;
        }

        JsonNode post(String path, String body) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        JsonNode get(String path) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        private JsonNode send(HttpRequest.Builder request) throws Exception {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return JSON.readTree(response.body());
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        void assertCleanLog() throws IOException {
            List<String> bad = log().lines().filter(line -> BAD_LINE.matcher(line).matches()).toList();
            assertTrue(bad.isEmpty(), "No WARN/ERROR, stack trace or bootstrap-format line in " + logFile + ":\n" + String.join("\n", bad));
        }
    }
}
