package dev.bigocean.bench;

import java.io.File;
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
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.bigocean.platform.EmbeddedServers;
import dev.bigocean.scoring.Facet;
import dev.bigocean.testsupport.OpenAiStub;
import dev.bigocean.testsupport.RecordedRequest;
import dev.bigocean.testsupport.StubReply;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * The load benchmark behind {@code deploy/benchmark.sh}: starts the packaged service as its own process (JVM settings
 * of the production image) against PostgreSQL and Redis servers of its own (or the ones given with
 * {@code -Dbench.db-url}/{@code -Dbench.redis-url}) and the local OpenAI-compatible stub, drives it with {@code wrk}
 * and a Java client, and prints one table of figures and targets. Never part of {@code ./mvnw verify} (its name matches
 * neither *Test nor *IT). Every address is on 127.0.0.1; every loop is bounded.
 */
class LoadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("bench-tag-([0-9a-f]{8})");

    private static final int WARM_UP_SECONDS = 4;

    private final int seconds = Integer.getInteger("bench.duration", 15);
    private final List<Integer> connections = parseList(System.getProperty("bench.connections", "64,256"));
    private final int streams = Integer.getInteger("bench.streams", 500);
    private final int firstTokenMs = Integer.getInteger("bench.first-token-ms", 1000);
    private final int tokensPerSecond = Integer.getInteger("bench.tokens-per-second", 50);
    private final String jvmOptions = System.getProperty("bench.jvm-options",
            "-XX:+UseSerialGC -Xms16m -Xmx128m -XX:NewRatio=1 -XX:SurvivorRatio=4 -Xss512k -XX:MaxMetaspaceSize=128m "
                    + "-XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError "
                    + "-XX:TrimNativeHeapInterval=5000");
    /** The service the read and questionnaire rows measure (its CPU time among the machine's). */
    private Process service;
    private final Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
    /** The parts to run, e.g. {@code -Dbench.only=streams} to look at one of them; all by default. */
    private final List<String> only = List.of(System.getProperty("bench.only", "startup,reads,questionnaire,streams,scale")
            .split(","));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String[]> rows = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private volatile int nerinDelayMs;
    private volatile int chunkDelayMs;

    @Test
    void run() throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("No " + jar + ": run ./mvnw package -DskipTests first (deploy/benchmark.sh does)");
        }
        OpenAiStub stub = OpenAiStub.start(Math.max(64, streams + 64));
        stub.respondWith(this::reply);
        EmbeddedPostgres postgres = null;
        RedisServer redis = null;
        String dbUrl = System.getProperty("bench.db-url");
        String redisUrl = System.getProperty("bench.redis-url");
        try {
            if (dbUrl == null) {
                postgres = EmbeddedServers.startPostgres(Files.createTempDirectory("bench-pg").toFile(), EmbeddedServers.freePort(), true);
                dbUrl = "postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
            }
            if (redisUrl == null) {
                int port = EmbeddedServers.freePort();
                redis = EmbeddedServers.startRedis(port, null);
                redisUrl = "redis://127.0.0.1:" + port;
            }
            benchmark(stub, dbUrl, redisUrl);
        } finally {
            for (Process p : processes) {
                stop(p);
            }
            stub.stop();
            if (redis != null) {
                redis.stop();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private void benchmark(OpenAiStub stub, String dbUrl, String redisUrl) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", dbUrl);
        env.put("REDIS_URL", redisUrl);
        env.put("OPENAI_API_KEY", "bench-key");
        env.put("OPENAI_BASE_URL", stub.baseUrl());
        env.put("RATE_LIMIT_REQUESTS", "100000000");
        env.put("DAILY_COST_LIMIT_CENTS", "100000000");
        env.put("BIGOCEAN_EMBEDDED", "false");
        env.put("CONFIDENCE_TARGET", "101"); // seeded sessions go on past the share threshold instead of closing

        // Start-up with external servers: the first start migrates the schema and, as the image build does, writes the
        // class-data archive of a whole start (deploy/cds-training.sh); the next ones are timed.
        int port = EmbeddedServers.freePort();
        trainClassDataArchive(env);
        if (only.contains("startup")) {
            startupRows(stub, env, port);
        }

        Process app = start(env, port, "bench-app");
        service = app;
        awaitHealthy(port, Duration.ofSeconds(60));
        String base = "http://127.0.0.1:" + port;

        // Seed: a session with 21 messages and no evidence, one with 21 messages and 160 evidence rows (via the analyzer).
        String plain = seedSession(base, false);
        String rich = seedSession(base, true);
        awaitEvidence(dbUrl, rich, 150);
        String profile = JSON.readTree(post(base + "/api/profile/share", "{\"sessionId\":\"" + rich + "\"}").body())
                .path("publicProfileId").asText();
        // Idle twice: right after the seeding (its analyses and compiles just done) and once the service has been left
        // alone for a while, as a deployed one mostly is (the JVM hands freed native memory back every 5 s).
        Thread.sleep(3000);
        long idleRss = rss(app);
        Thread.sleep(15_000);
        row("resident memory idle", "≤ 150 MB", mb(idleRss) + " 3 s after the seeding, " + mb(rss(app)) + " 15 s later");

        RssSampler sampler = new RssSampler(app);
        String results = "≥ 8,000 req/s, p99 ≤ 15 ms";
        List<Read> reads = List.of(
                new Read("GET …/results (150 evidence rows)", base + "/api/assessment/" + rich + "/results", results),
                new Read("GET …/resume (20 messages)", base + "/api/assessment/" + plain + "/resume", results),
                new Read("GET …/resume (20 messages, 150 evidence)", base + "/api/assessment/" + rich + "/resume", results),
                new Read("GET /api/profile/:id (public profile)", base + "/api/profile/" + profile, "as results"),
                new Read("GET /profile/:id (server-rendered page)", base + "/profile/" + profile, "as results"),
                new Read("GET /profile/:id/og.png (preview image)", base + "/profile/" + profile + "/og.png", "as results"),
                new Read("GET /health", base + "/health", "≥ 30,000 req/s"));
        // A warm service, as a deployed one is: every read path runs long enough for the JIT's C2 compiles to finish
        // (they compete with the load for the cores; a few seconds are not enough), unrecorded.
        if (only.contains("reads")) {
            for (Read read : reads) {
                compile(connections.get(0), read.url());
            }
            for (int c : connections) {
                for (Read read : reads) {
                    wrkRow(read.name(), c, read.url(), read.target());
                }
            }
        }
        if (only.contains("questionnaire")) {
            questionnaireRows(base, connections.get(0));
        }
        if (only.contains("streams")) {
            streamedTurns(stub, base, app);
        }
        long loadRss = sampler.stop();
        if (only.contains("reads") || only.contains("questionnaire") || only.contains("streams")) {
            row("resident memory under load (max sampled)", "≤ 256 MB", mb(loadRss));
        }

        if (only.contains("scale")) {
            scaleOutRow(env, base, "/api/assessment/" + rich + "/results");
        }
        stop(app);
        print();
    }

    /** Start-up with external servers (the schema is migrated already), three times, and with embedded servers. */
    private void startupRows(OpenAiStub stub, Map<String, String> env, int port) throws Exception {
        List<Long> startups = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Process p = start(env, port, "bench-app-start");
            startups.add(awaitHealthy(port, Duration.ofSeconds(60)));
            stop(p);
        }
        Collections.sort(startups);
        row("start-up to first 200 (external PostgreSQL/Redis)", "≤ 1.5 s",
                String.format(Locale.ROOT, "%.2f s (median of 3; %.2f–%.2f)", startups.get(1) / 1000.0,
                        startups.get(0) / 1000.0, startups.get(2) / 1000.0));
        row("start-up to first 200 (embedded servers, fresh data dir)", "reported", embeddedStartup(stub) );
    }

    /** Scale-out: a second instance on the same PostgreSQL and Redis, both loaded at once. */
    private void scaleOutRow(Map<String, String> env, String base, String url) throws Exception {
        int port2 = EmbeddedServers.freePort();
        Process second = start(env, port2, "bench-app-2");
        awaitHealthy(port2, Duration.ofSeconds(60));
        String url2 = "http://127.0.0.1:" + port2 + url;
        // Both instances warm, as the read rows' one is: measured cold, the new instance spent the run compiling.
        if (!only.contains("reads")) {
            compile(64, base + url);
        }
        compile(64, url2);
        Wrk one = Wrk.run(2, 64, seconds, base + url);
        ExecutorService both = Executors.newFixedThreadPool(2);
        var a = both.submit(() -> Wrk.run(1, 32, seconds, base + url));
        var b = both.submit(() -> Wrk.run(1, 32, seconds, url2));
        Wrk wa = a.get();
        Wrk wb = b.get();
        both.shutdown();
        row("two instances, GET …/results, 64 connections", "adds up (on more cores)", String.format(Locale.ROOT,
                "%,.0f + %,.0f = %,.0f req/s (one instance alone: %,.0f; both share this machine's %d cores)",
                wa.rps, wb.rps, wa.rps + wb.rps, one.rps, Runtime.getRuntime().availableProcessors()));
        stop(second);
    }

    // ---- the model stub ------------------------------------------------------------------------------------------

    private StubReply reply(RecordedRequest request) {
        String system = request.systemText() == null ? "" : request.systemText();
        if (system.contains("You are Nerin")) {
            return StubReply.text("Thank you for telling me that. What does a good weekend look like for you, and who is in it?")
                    .delayBeforeFirstByte(Duration.ofMillis(nerinDelayMs)).delayBetweenChunks(Duration.ofMillis(chunkDelayMs))
                    .usage(1200, 30);
        }
        String user = request.lastUserText() == null ? "" : request.lastUserText();
        int open = user.indexOf("<user_message>");
        int close = open < 0 ? -1 : user.indexOf("</user_message>", open);
        String message = close < 0 ? "" : user.substring(open + "<user_message>".length(), close);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode items = root.putArray("evidence");
        Matcher m = Pattern.compile("evidence-seed-(\\d+)").matcher(message);
        if (m.find()) {
            int turn = Integer.parseInt(m.group(1));
            String quote = "I keep a careful plan for every week";
            for (int i = 0; i < 16; i++) {
                ObjectNode item = items.addObject();
                item.put("facet", Facet.values()[(turn * 16 + i) % 30].apiName());
                item.put("score", 12 + (turn + i) % 3);
                item.put("confidence", 85);
                item.put("quote", quote);
            }
        }
        return StubReply.json(root.toString()).usage(400, 120);
    }

    // ---- the service -----------------------------------------------------------------------------------------------

    private Process start(Map<String, String> env, int port, String name) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        // The class-data sharing archive, when the build made one; it records the class path as the build ran the jar,
        // so the service runs from its own directory (as the production image does).
        if (Files.exists(jar.resolveSibling("app-cds.jsa"))) {
            command.add("-XX:SharedArchiveFile=app-cds.jsa");
            command.add("-Xshare:auto");
        }
        command.add("-jar");
        command.add(jar.getFileName().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(jar.toAbsolutePath().getParent().toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("MALLOC_ARENA_MAX", "2"); // as the production image sets it
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(EmbeddedServers.freePort()));
        File log = new File("target/" + name + ".log").getAbsoluteFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    private String embeddedStartup(OpenAiStub stub) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("BIGOCEAN_DATA_DIR", Files.createTempDirectory("bench-embedded").toString());
        env.put("OPENAI_API_KEY", "bench-key");
        env.put("OPENAI_BASE_URL", stub.baseUrl());
        int port = EmbeddedServers.freePort();
        Process p = start(env, port, "bench-app-embedded");
        long ms = awaitHealthy(port, Duration.ofSeconds(180));
        stop(p);
        Process again = start(env, port, "bench-app-embedded-restart");
        long restart = awaitHealthy(port, Duration.ofSeconds(180));
        stop(again);
        return String.format(Locale.ROOT, "%.2f s first run (initdb), %.2f s restart", ms / 1000.0, restart / 1000.0);
    }

    /** Runs deploy/cds-training.sh on the packaged service against the benchmark's servers (it migrates them too). */
    private void trainClassDataArchive(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "deploy/cds-training.sh",
                jar.toAbsolutePath().getParent().toString());
        builder.environment().put("DATABASE_URL", env.get("DATABASE_URL"));
        builder.environment().put("REDIS_URL", env.get("REDIS_URL"));
        // Two ports the system gave out as free: the script's default second port (its first plus one) can be in use.
        builder.environment().put("TRAINING_PORT", String.valueOf(EmbeddedServers.freePort()));
        builder.environment().put("TRAINING_MANAGEMENT_PORT", String.valueOf(EmbeddedServers.freePort()));
        File log = new File("target/bench-cds-training.log").getAbsoluteFile();
        Process training = builder.redirectErrorStream(true).redirectOutput(log).start();
        if (!training.waitFor(3, TimeUnit.MINUTES) || training.exitValue() != 0) {
            training.destroyForcibly();
            List<String> lines = Files.readAllLines(log.toPath());
            throw new IllegalStateException("deploy/cds-training.sh failed (" + log + "), ending with:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
    }

    /** Milliseconds from now until {@code /health} answers 200; fails at once when the process died. */
    private long awaitHealthy(int port, Duration limit) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + limit.toNanos();
        Process process = processes.get(processes.size() - 1);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue() + " (see target/bench-app*.log)");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("The service did not become healthy on port " + port + " (see target/bench-app*.log)");
    }

    private static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy(); // SIGTERM: a graceful shutdown
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String seedSession(String base, boolean evidence) throws Exception {
        nerinDelayMs = 0;
        chunkDelayMs = 0;
        String session = JSON.readTree(post(base + "/api/assessment/start", "{}").body()).path("sessionId").asText();
        for (int turn = 0; turn < 10; turn++) {
            String text = (evidence ? "evidence-seed-" + turn + " " : "") + "I keep a careful plan for every week, and on Sundays I walk by the sea.";
            HttpResponse<String> r = post(base + "/api/assessment/message", "{\"sessionId\":\"" + session + "\",\"message\":\"" + text + "\"}");
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Seeding turn failed: " + r.statusCode() + " " + r.body());
            }
        }
        return session; // the opening + 10 user messages + 10 replies: 21 messages
    }

    private static void awaitEvidence(String dbUrl, String session, int rows) throws Exception {
        URI uri = URI.create(dbUrl.replace("postgresql://", "http://"));
        String[] user = uri.getUserInfo() == null ? new String[] { "postgres", "" } : uri.getUserInfo().split(":", 2);
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (Connection c = DriverManager.getConnection(jdbc, user[0], user.length > 1 ? user[1] : "")) {
            while (System.nanoTime() < deadline) {
                try (var st = c.prepareStatement("SELECT count(*) FROM facet_evidence WHERE session_id = ?")) {
                    st.setObject(1, UUID.fromString(session));
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) >= rows) {
                            return;
                        }
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("The analyzer did not store " + rows + " evidence rows in time");
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // ---- 500 streamed turns at once ------------------------------------------------------------------------------

    /**
     * What one burst of streamed turns measured; the CPU times run from the start of the turns until the service is
     * idle again, so they include each turn's analysis.
     */
    private record Burst(List<Long> toModel, List<Long> added, long done, Map<String, String> failures, long serviceCpuMs,
            long ownCpuMs, long postgresCpuMs, long redisCpuMs) {
    }

    /**
     * {@link #streams} streamed turns at once, each on a new session, on a warm service (as the issue asks). The same
     * burst runs {@code bench.stream-warmups} times (3) unrecorded first: on two cores the JIT compiler needs about
     * that long to compile the turn path (the read rows do not run it), and meanwhile it takes as much CPU time as the
     * turns. The first burst's figures are printed too, for a service that has just started.
     */
    private void streamedTurns(OpenAiStub stub, String base, Process app) throws Exception {
        int warmUps = Integer.getInteger("bench.stream-warmups", 3);
        Burst first = null;
        for (int i = 0; i < warmUps; i++) {
            Burst warmUp = burst(stub, base, streams, app);
            first = first == null ? warmUp : first;
        }
        Burst burst = burst(stub, base, streams, app);
        List<Long> toModel = burst.toModel();
        List<Long> added = burst.added();
        row(streams + " streamed turns at once: request → model call", "all within 2 s", toModel.isEmpty() ? "no model call"
                : String.format(Locale.ROOT, "p50 %d ms, max %d ms (%d of %d reached the model)", pct(toModel, 50),
                        toModel.get(toModel.size() - 1), toModel.size(), streams));
        row(streams + " streamed turns: model first token → client first byte", "≤ 5 ms p99", added.isEmpty() ? "n/a"
                : String.format(Locale.ROOT, "p50 %d ms, p99 %d ms (clock resolution 1 ms)", pct(added, 50), pct(added, 99)));
        row(streams + " streamed turns: completed", "all", burst.done() + " of " + streams
                + (burst.failures().isEmpty() ? "" : " (client errors: " + burst.failures().keySet() + ")"));
        row(streams + " streamed turns: CPU time per turn", "reported", String.format(Locale.ROOT,
                "service %.1f ms (its analysis included), PostgreSQL %.1f ms, Redis %.1f ms, this benchmark's clients and "
                        + "stub %.1f ms", burst.serviceCpuMs() / (double) streams, burst.postgresCpuMs() / (double) streams,
                burst.redisCpuMs() / (double) streams, burst.ownCpuMs() / (double) streams));
        if (first != null && !first.toModel().isEmpty()) {
            List<Long> cold = first.toModel();
            row(streams + " streamed turns, first burst after start-up: request → model call", "reported",
                    String.format(Locale.ROOT, "p50 %d ms, max %d ms; service CPU %.1f ms per turn (JIT compiles included)",
                            pct(cold, 50), cold.get(cold.size() - 1), first.serviceCpuMs() / (double) streams));
        }
    }

    /** Waits until the service has used less than 5% of a core for half a second (at most a minute). */
    private static void awaitIdle(Process app) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        long before = cpuMillis(app.toHandle());
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = cpuMillis(app.toHandle());
            if (now - before < 25) {
                return;
            }
            before = now;
        }
    }

    /** The CPU time a process has used so far (user and system), in milliseconds. */
    private static long cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    private Burst burst(OpenAiStub stub, String base, int count, Process app) throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(JSON.readTree(post(base + "/api/assessment/start", "{}").body()).path("sessionId").asText());
        }
        nerinDelayMs = firstTokenMs;
        chunkDelayMs = Math.max(1, 1000 / Math.max(1, tokensPerSecond));
        stub.clearRequests();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> firstByteAt = new ConcurrentHashMap<>();
        AtomicLong done = new AtomicLong();
        Map<String, String> failures = new ConcurrentHashMap<>();
        CountDownLatch finished = new CountDownLatch(count);
        URI uri = URI.create(base);
        // One event loop drives every stream and stamps each chunk as it is read from the socket. The blocking client
        // this replaces (a thread per stream, reading java.net.http's InputStream) passed each chunk through two more
        // threads before stamping it, and took CPU time from the service on the same two cores (docs/decisions.md).
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        io.vertx.core.http.HttpClient streaming = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(uri.getHost())
                .setDefaultPort(uri.getPort()).setConnectTimeout(30_000), new PoolOptions().setHttp1MaxSize(count));
        awaitIdle(app);
        long ownCpu = cpuMillis(ProcessHandle.current());
        CpuUse used = CpuUse.now(app);
        for (String session : sessions) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String body = "{\"sessionId\":\"" + session + "\",\"message\":\"bench-tag-" + tag
                    + " I like long walks and quiet evenings.\"}";
            AtomicBoolean ended = new AtomicBoolean();
            Runnable end = () -> {
                if (ended.compareAndSet(false, true)) {
                    finished.countDown();
                }
            };
            Handler<Throwable> failed = e -> {
                failures.putIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(), tag); // counted as not done
                end.run();
            };
            sentAt.put(tag, System.currentTimeMillis());
            streaming.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/assessment/message")
                    .putHeader("Content-Type", "application/json").putHeader("Accept", "text/event-stream")
                    .setIdleTimeout(120_000))
                    .compose(request -> request.send(body))
                    .onFailure(failed)
                    .onSuccess(response -> {
                        if (response.statusCode() != 200) {
                            failures.putIfAbsent("HTTP " + response.statusCode(), tag);
                        }
                        StringBuilder pending = new StringBuilder();
                        response.handler(chunk -> {
                            long at = System.currentTimeMillis();
                            pending.append(chunk.toString(StandardCharsets.UTF_8));
                            for (int nl = pending.indexOf("\n"); nl >= 0; nl = pending.indexOf("\n")) {
                                String line = pending.substring(0, nl);
                                pending.delete(0, nl + 1);
                                String event = line.startsWith("event:") ? line.substring("event:".length()).trim() : "";
                                if (event.equals("token")) {
                                    firstByteAt.putIfAbsent(tag, at);
                                } else if (event.equals("done")) {
                                    done.incrementAndGet();
                                }
                            }
                        });
                        response.exceptionHandler(failed);
                        response.endHandler(v -> end.run());
                    });
        }
        finished.await(5, TimeUnit.MINUTES);
        awaitIdle(app);
        ownCpu = cpuMillis(ProcessHandle.current()) - ownCpu;
        used = CpuUse.now(app).since(used);
        streaming.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<Long> toModel = new ArrayList<>();
        List<Long> added = new ArrayList<>();
        for (RecordedRequest r : stub.chatRequests()) {
            if (r.systemText() == null || !r.systemText().contains("You are Nerin")) {
                continue; // the analyses of these messages quote the tag too
            }
            Matcher m = TAG.matcher(r.rawBody());
            if (!m.find() || !sentAt.containsKey(m.group(1))) {
                continue;
            }
            String tag = m.group(1);
            toModel.add(r.receivedAt().toEpochMilli() - sentAt.get(tag));
            Instant first = stub.firstContentAt(r);
            if (first != null && firstByteAt.containsKey(tag)) {
                added.add(firstByteAt.get(tag) - first.toEpochMilli());
            }
        }
        Collections.sort(toModel);
        Collections.sort(added);
        return new Burst(toModel, added, done.get(), failures, used.serviceMs(), ownCpu, used.postgresMs(), used.redisMs());
    }

    // ---- the questionnaire: 120 answers + results against two results reads -------------------------------------

    /**
     * The cost of answering the whole questionnaire and reading the results, against two results reads: under load (wrk
     * alternating {@code PUT …/questionnaire} with all 120 answers and {@code GET …/results}, then {@code GET …/results}
     * alone, over the same sessions, one per connection, each after an unrecorded run of its own), and for one user alone
     * (the wall time of the pair in sequence, median of 200). The GETs of every run read sessions that hold 120 answers,
     * so all include the questionnaire scoring. Twice: with new answers (every PUT changes all 120, so every PUT is a
     * write: each wrk thread owns half of the sessions and alternates two sets of answers on them, round after round),
     * and with the same answers sent again (which the service does not write again).
     */
    private void questionnaireRows(String base, int c) throws Exception {
        ArrayNode items = (ArrayNode) JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/questionnaire?lang=en"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("items");
        ObjectNode first = JSON.createObjectNode();
        ObjectNode second = JSON.createObjectNode(); // a different answer to every item
        for (int i = 0; i < items.size(); i++) {
            first.put(items.get(i).path("id").asText(), 1 + (i * 7) % 5);
            second.put(items.get(i).path("id").asText(), 1 + (i * 7 + 2) % 5);
        }
        String bodyA = JSON.createObjectNode().set("answers", first).toString();
        String bodyB = JSON.createObjectNode().set("answers", second).toString();
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            sessions.add(JSON.readTree(post(base + "/api/assessment/start", "{}").body()).path("sessionId").asText());
        }
        StringBuilder lua = new StringBuilder("local sessions = {");
        sessions.forEach(id -> lua.append('"').append(id).append("\","));
        lua.append("}\nlocal bodyA = '").append(bodyA).append("'\nlocal bodyB = '").append(bodyB).append("'\n").append("""
                local n = 0
                local mode = os.getenv("BENCH_PUT") -- "new", "same" or "none"
                local half = math.floor(#sessions / 2)
                local started = 0
                setup = function(thread) -- each wrk thread on its own half of the sessions
                  thread:set("offset", started * half)
                  started = started + 1
                end
                request = function()
                  n = n + 1
                  local pair = math.floor((n - 1) / 2)
                  local session = sessions[(pair % half) + (offset or 0) + 1]
                  if mode ~= "none" and n % 2 == 1 then
                    -- every session holds bodyA when a run starts; "new" sends bodyB, bodyA, … round after round
                    local body = (mode == "new" and math.floor(pair / half) % 2 == 0) and bodyB or bodyA
                    return wrk.format("PUT", "/api/assessment/" .. session .. "/questionnaire",
                        { ["Content-Type"] = "application/json" }, body)
                  end
                  return wrk.format("GET", "/api/assessment/" .. session .. "/results")
                end
                """);
        Path script = Files.createTempFile("bench-questionnaire", ".lua");
        Files.writeString(script, lua);
        // Unrecorded: on two saturated cores the JIT takes about 40 s of this load to compile the PUT path (by hand, a
        // new-answers run cost the service 1.0–2.2 ms per request 4 s after the start, about 0.4 ms from 46 s on)
        answerAll(base, sessions, bodyA);
        Wrk.run(2, c, WARM_UP_SECONDS * 10, base, script, Map.of("BENCH_PUT", "new"));
        Map<String, Wrk> runs = new LinkedHashMap<>();
        for (String mode : List.of("new", "same", "none")) {
            runs.put(mode, warmRun(c, base, script, Map.of("BENCH_PUT", mode), () -> answerAll(base, sessions, bodyA)));
        }
        Files.delete(script);
        Wrk reads = runs.get("none");
        for (String mode : List.of("new", "same")) {
            Wrk pairs = runs.get(mode);
            row("PUT " + (mode.equals("new") ? "120 new answers" : "the same 120 answers again") + " + GET …/results vs two "
                    + "GET …/results, " + c + " connections", "≤ 1× two results reads",
                    String.format(Locale.ROOT, "%,.0f pairs/s (p99 %s%s) vs %,.0f pairs/s (p99 %s%s): %.2f× two results reads",
                            pairs.rps / 2, pairs.p99, pairs.errors.isEmpty() ? "" : ", " + pairs.errors, reads.rps / 2,
                            reads.p99, reads.errors.isEmpty() ? "" : ", " + reads.errors, reads.rps / pairs.rps)
                            + "; " + pairs.cpu.per("pair", pairs.requests / 2) + " vs " + reads.cpu.split(reads.requests / 2));
        }

        String session = sessions.get(0);
        HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/api/assessment/" + session + "/results")).build();
        List<Long> newNanos = new ArrayList<>();
        List<Long> sameNanos = new ArrayList<>();
        List<Long> readNanos = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            HttpRequest put = answer(base, session, i % 2 == 0 ? bodyB : bodyA); // the other answers than stored
            long t0 = System.nanoTime();
            expectOk(put);
            expectOk(get);
            long t1 = System.nanoTime();
            expectOk(put);
            expectOk(get);
            long t2 = System.nanoTime();
            expectOk(get);
            expectOk(get);
            long t3 = System.nanoTime();
            if (i >= 50) { // the first 50 warm up
                newNanos.add(t1 - t0);
                sameNanos.add(t2 - t1);
                readNanos.add(t3 - t2);
            }
        }
        Collections.sort(newNanos);
        Collections.sort(sameNanos);
        Collections.sort(readNanos);
        double reads2 = pct(readNanos, 50);
        row("PUT 120 answers + GET …/results vs two GET …/results, one user in sequence", "≤ 1× two results reads",
                String.format(Locale.ROOT, "new answers: median %.2f ms, %.2f×; the same again: %.2f ms, %.2f×; "
                        + "two results reads: %.2f ms", pct(newNanos, 50) / 1e6, pct(newNanos, 50) / reads2,
                        pct(sameNanos, 50) / 1e6, pct(sameNanos, 50) / reads2, reads2 / 1e6));
    }

    private HttpRequest answer(String base, String session, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/api/assessment/" + session + "/questionnaire"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Gives every session the same answers (before a questionnaire run, so each starts from the same state). */
    private void answerAll(String base, List<String> sessions, String body) throws Exception {
        for (String session : sessions) {
            expectOk(answer(base, session, body));
        }
    }

    private void expectOk(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + r.statusCode());
        }
    }

    // ---- wrk -----------------------------------------------------------------------------------------------------

    /** A read the benchmark loads: its row name, its URL and its target. */
    private record Read(String name, String url, String target) {
    }

    /** One row of a read, measured by {@link #warmRun}. */
    private void wrkRow(String name, int c, String url, String target) throws Exception {
        Wrk w = warmRun(c, url, null, Map.of());
        row(name + ", " + c + " connections", target, String.format(Locale.ROOT, "%,.0f req/s, p99 %s%s; %s", w.rps, w.p99,
                w.errors.isEmpty() ? "" : " (" + w.errors + ")", w.cpu.per("request", w.requests)));
    }

    /** An unrecorded run long enough for the JIT's C2 compiles of a read path to finish (a few seconds are not). */
    private static void compile(int c, String url) throws Exception {
        Wrk.run(2, c, WARM_UP_SECONDS * 3, url);
    }

    /**
     * A short unrecorded run first, so the JIT has compiled the path, then the measured run (every row is measured so; the
     * questionnaire's PUT path was once compiled during its measured run).
     */
    private Wrk warmRun(int c, String url, Path script, Map<String, String> env) throws Exception {
        return warmRun(c, url, script, env, () -> { });
    }

    /** As above, with {@code prepare} run before each of the two runs. */
    private Wrk warmRun(int c, String url, Path script, Map<String, String> env, Step prepare) throws Exception {
        prepare.run();
        Wrk.run(2, c, WARM_UP_SECONDS, url, script, env);
        prepare.run();
        CpuUse before = CpuUse.now(service);
        Wrk measured = Wrk.run(2, c, seconds, url, script, env);
        return measured.with(CpuUse.now(service).since(before));
    }

    /** A step that may fail. */
    private interface Step {
        void run() throws Exception;
    }

    /** One wrk run: requests per second, p99 latency, non-2xx/socket errors, requests made and where the CPU went. */
    record Wrk(double rps, String p99, String errors, long requests, CpuUse cpu) {

        Wrk with(CpuUse used) {
            return new Wrk(rps, p99, errors, requests, used);
        }

        static Wrk run(int threads, int connections, int seconds, String url) throws Exception {
            return run(threads, connections, seconds, url, null, Map.of());
        }

        /** As above, with a Lua script ({@code -s}) that makes the requests, and environment variables for it. */
        static Wrk run(int threads, int connections, int seconds, String url, Path script, Map<String, String> env)
                throws Exception {
            List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                    "--latency"));
            if (script != null) {
                command.addAll(List.of("-s", script.toString()));
            }
            command.add(url);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(seconds + 30L, TimeUnit.SECONDS);
            Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
            Matcher requests = Pattern.compile("(\\d+) requests in").matcher(out);
            Matcher p99 = Pattern.compile("\\s99%\\s+([0-9.]+\\w+)").matcher(out);
            Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
            Matcher socket = Pattern.compile("Socket errors: (.*)").matcher(out);
            String errors = (non2xx.find() ? "non-2xx " + non2xx.group(1) + " " : "") + (socket.find() ? "socket errors " + socket.group(1) : "");
            if (!rps.find()) {
                throw new IllegalStateException("wrk printed no figures:\n" + out);
            }
            return new Wrk(Double.parseDouble(rps.group(1)), p99.find() ? p99.group(1) : "?", errors.trim(),
                    requests.find() ? Long.parseLong(requests.group(1)) : 0, null);
        }
    }

    // ---- memory --------------------------------------------------------------------------------------------------

    private static long rss(Process p) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Samples a process' resident memory every 100 ms and keeps the maximum. */
    private static final class RssSampler {
        private final AtomicLong max = new AtomicLong();
        private final Thread thread;

        RssSampler(Process p) {
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted() && p.isAlive()) {
                    max.accumulateAndGet(rss(p), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() {
            thread.interrupt();
            return max.get();
        }
    }

    // ---- the table -----------------------------------------------------------------------------------------------

    private void row(String name, String target, String measured) {
        rows.put(name, new String[] { target, measured });
        System.out.printf(Locale.ROOT, "  %-62s %s%n", name, measured);
    }

    private void print() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        System.out.println();
        System.out.println("== Big Ocean API load benchmark ==");
        System.out.printf(Locale.ROOT, "machine: %d cores (%s), %s; service JVM: %s%n", Runtime.getRuntime().availableProcessors(),
                cpu, memory, jvmOptions);
        System.out.printf(Locale.ROOT, "load: wrk -t2 -d%ds on 127.0.0.1, model = local stub (first token %d ms, %d tokens/s in the streamed-turn rows)%n",
                seconds, firstTokenMs, tokensPerSecond);
        System.out.printf(Locale.ROOT, "| %-72s | %-28s | %s%n", "figure", "target", "measured");
        System.out.printf(Locale.ROOT, "|%s|%s|%s%n", "-".repeat(74), "-".repeat(30), "-".repeat(40));
        rows.forEach((name, v) -> System.out.printf(Locale.ROOT, "| %-72s | %-28s | %s%n", name, v[0], v[1]));
        System.out.println("== end ==");
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1024.0 / 1024.0);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }

    private static List<Integer> parseList(String s) {
        List<Integer> list = new ArrayList<>();
        for (String part : s.split(",")) {
            list.add(Integer.parseInt(part.trim()));
        }
        return list;
    }
}
