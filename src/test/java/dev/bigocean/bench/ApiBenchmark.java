package dev.bigocean.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.RecordedRequest;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The API benchmark: prints latency and throughput of the hot endpoints, heap after the run, and the prompt size (so
 * the model cost) of a long conversation. Not part of {@code ./mvnw verify} (its name matches neither *Test nor *IT);
 * run it with {@code ./mvnw test -Dtest=ApiBenchmark}. It only talks to servers on 127.0.0.1 and stops by itself.
 */
@QuarkusTest
class ApiBenchmark {

    private static final int CLIENTS = 16;
    private static final int REQUESTS = 2000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void run() throws Exception {
        InfrastructureResource.stub().reset();
        InfrastructureResource.stub().respondWith(Stubs.nerin("Thank you for sharing that. What else makes a good day for you?"));
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        System.out.println();
        System.out.println("== Big Ocean API benchmark (" + CLIENTS + " concurrent clients, loopback, model = local stub with no latency) ==");

        measure("POST /api/assessment/start", REQUESTS, i -> post(base + "/api/assessment/start", "{}"));
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            sessions.add(sessionId(post(base + "/api/assessment/start", "{}")));
        }
        measure("POST /api/assessment/message (JSON)", 640, i -> post(base + "/api/assessment/message",
                "{\"sessionId\":\"" + sessions.get(i % 64) + "\",\"message\":\"Turn " + i + ": I spent the weekend walking by the sea and reading.\"}"));
        measure("GET /api/assessment/:id/results", REQUESTS, i -> get(base + "/api/assessment/" + sessions.get(i % 64) + "/results"));
        measure("GET /api/assessment/:id/resume", REQUESTS, i -> get(base + "/api/assessment/" + sessions.get(i % 64) + "/resume"));
        measure("GET /health", REQUESTS, i -> get(base + "/health"));

        // Prompt size per turn over one long conversation: the cost of an assessment stays linear in its turns.
        InfrastructureResource.stub().clearRequests();
        String longSession = sessionId(post(base + "/api/assessment/start", "{}"));
        for (int turn = 1; turn <= 40; turn++) {
            post(base + "/api/assessment/message", "{\"sessionId\":\"" + longSession + "\",\"message\":\"Turn " + turn
                    + ": yesterday I met friends for dinner and we talked about travel plans for the summer.\"}");
        }
        List<RecordedRequest> prompts = Stubs.nerinRequests(InfrastructureResource.stub());
        long totalChars = prompts.stream().mapToLong(RecordedRequest::promptChars).sum();
        System.out.printf(Locale.ROOT, "Nerin prompt size: turn 1 %d chars, turn 10 %d, turn 40 %d; 40 turns ≈ %d input tokens "
                + "(≈ $%.4f at $0.15 per million input tokens)%n",
                prompts.get(0).promptChars(), prompts.get(9).promptChars(), prompts.get(39).promptChars(), totalChars / 4,
                totalChars / 4 * 0.15 / 1_000_000);

        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "Heap in use after the run and a GC: %.1f MB (JVM of the test, app and client together)%n",
                heap / 1024.0 / 1024.0);
        System.out.println("== end of benchmark ==");
        System.out.println();
    }

    private void measure(String name, int count, IntFunction<Integer> call) throws Exception {
        for (int i = 0; i < Math.min(100, count); i++) {
            call.apply(i); // warm-up
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Future<Integer>> results = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                int status = call.apply(n);
                latencies.add(System.nanoTime() - t0);
                return status;
            }));
        }
        int errors = 0;
        for (Future<Integer> f : results) {
            int status = f.get();
            if (status >= 400) {
                errors++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-38s %6d req  %8.0f req/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  errors %d%n",
                name, count, count / seconds, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), errors);
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private int post(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode();
    }

    private int get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build()).statusCode();
    }

    private String sessionId(int ignored) {
        return lastSession;
    }

    private volatile String lastSession;

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (request.uri().getPath().endsWith("/start") && response.statusCode() == 200) {
                lastSession = response.body().replaceAll(".*\"sessionId\":\"([^\"]+)\".*", "$1");
            }
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
