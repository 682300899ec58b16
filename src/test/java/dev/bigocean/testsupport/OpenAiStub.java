package dev.bigocean.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A local, real-HTTP stand-in for the OpenAI chat completions API (non-streaming JSON and SSE streaming).
 *
 * <pre>{@code
 * try (OpenAiStub stub = OpenAiStub.start()) {
 *     // point quarkus.langchain4j.openai.base-url at stub.baseUrl()
 *     stub.enqueue(StubReply.text("first answer"));               // used first, in order
 *     stub.respondWith(req -> req.lastUserText().contains("score")
 *             ? StubReply.json("{\"score\":4}")
 *             : StubReply.text("Hello"));                          // then the responder
 *     ...
 *     RecordedRequest r = stub.awaitRequests(1, Duration.ofSeconds(5)).get(0);
 *     assertTrue(r.systemText().contains("You are"));
 * }
 * }</pre>
 *
 * Served paths: {@code POST /v1/chat/completions} (any path ending in {@code /chat/completions}, so
 * {@code /chat/completions} and {@code /v1/v1/chat/completions} work too) and {@code GET /v1/models}
 * (any path ending in {@code /models}). Every request, on any path, is recorded.
 */
public final class OpenAiStub implements AutoCloseable {

    /** Content of the default responder's reply. */
    public static final String DEFAULT_TEXT = "Hello from the stub.";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Function<RecordedRequest, StubReply> DEFAULT_RESPONDER = r -> StubReply.text(DEFAULT_TEXT);
    private static final int THREADS = 128;
    private static final Duration BREAK_GRACE = Duration.ofMillis(150);
    /** How long a stalled stream ({@link StubReply#stallAfterChunks}) stays open, silent, before it is cut. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Object lock = new Object();
    private final List<RecordedRequest> requests = new ArrayList<>(); // guarded by lock
    private final Deque<StubReply> queue = new ArrayDeque<>(); // guarded by lock
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final Map<RecordedRequest, Instant> firstContent = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private final AtomicLong ids = new AtomicLong();
    private volatile Function<RecordedRequest, StubReply> responder = DEFAULT_RESPONDER;
    private volatile boolean stopped;

    private OpenAiStub(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a stub on 127.0.0.1 and a free port. */
    public static OpenAiStub start() {
        return start(THREADS);
    }

    /** Starts a stub that serves up to {@code threads} requests at once (benchmarks open hundreds of streams). */
    public static OpenAiStub start(int threads) {
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger threadNo = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "openai-stub-" + instance + "-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService executor = Executors.newFixedThreadPool(threads, tf);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), Math.max(64, threads));
            OpenAiStub stub = new OpenAiStub(server, executor);
            server.createContext("/", stub::handle);
            server.setExecutor(executor);
            server.start();
            return stub;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("Could not start OpenAI stub", e);
        }
    }

    /** {@code http://127.0.0.1:<port>/v1} — the value for an OpenAI base-url setting. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops the server at once (open streams are cut). Idempotent. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            server.stop(0);
        } finally {
            executor.shutdownNow();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    // ---------------------------------------------------------------- configuration

    /**
     * Sets the responder consulted when the queue is empty; a {@code null} function restores the default
     * (or use {@link #reset()}).
     */
    public void respondWith(Function<RecordedRequest, StubReply> responder) {
        this.responder = responder == null ? DEFAULT_RESPONDER : responder;
    }

    /** Always answer with {@code reply} (when the queue is empty). */
    public void respondWith(StubReply reply) {
        respondWith(r -> reply);
    }

    /** Queues replies; they are used first, one per chat request, in order, before the responder. */
    public void enqueue(StubReply... replies) {
        synchronized (lock) {
            for (StubReply r : replies) {
                queue.addLast(java.util.Objects.requireNonNull(r, "reply"));
            }
        }
    }

    /** Number of queued replies not used yet. */
    public int queuedReplies() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Clears recorded requests, queued replies and handler errors, and restores the default responder. */
    public void reset() {
        synchronized (lock) {
            requests.clear();
            queue.clear();
        }
        errors.clear();
        responder = DEFAULT_RESPONDER;
    }

    // ---------------------------------------------------------------- recorded requests

    /** Snapshot of every request received (any path), in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** Snapshot of the chat-completions requests only. */
    public List<RecordedRequest> chatRequests() {
        return requests().stream().filter(RecordedRequest::isChatCompletion).toList();
    }

    /** The most recent request, or null. */
    public RecordedRequest lastRequest() {
        synchronized (lock) {
            return requests.isEmpty() ? null : requests.get(requests.size() - 1);
        }
    }

    public void clearRequests() {
        synchronized (lock) {
            requests.clear();
        }
    }

    /** Number of requests recorded since start / the last {@link #clearRequests()}. */
    public int requestCount() {
        synchronized (lock) {
            return requests.size();
        }
    }

    /**
     * Waits until at least {@code n} requests have been recorded and returns the snapshot.
     *
     * @throws AssertionError if that does not happen within {@code timeout}
     */
    public List<RecordedRequest> awaitRequests(int n, Duration timeout) {
        return awaitRequests(n, timeout, r -> true);
    }

    /** Like {@link #awaitRequests(int, Duration)}, counting only requests matching {@code filter}. */
    public List<RecordedRequest> awaitRequests(int n, Duration timeout, Predicate<RecordedRequest> filter) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                List<RecordedRequest> matching = requests.stream().filter(filter).toList();
                if (matching.size() >= n) {
                    return matching;
                }
                long waitNanos = deadline - System.nanoTime();
                if (waitNanos <= 0) {
                    throw new AssertionError("Expected at least " + n + " request(s) to the OpenAI stub within "
                            + timeout + " but got " + matching.size() + ": " + matching);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, waitNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting for requests", e);
                }
            }
        }
    }

    /** When the first content chunk of a streamed reply to {@code request} was written and flushed, or null. */
    public Instant firstContentAt(RecordedRequest request) {
        return firstContent.get(request);
    }

    /** Unexpected exceptions inside the stub (e.g. a responder that threw). Client disconnects are not listed. */
    public List<Throwable> handlerErrors() {
        return List.copyOf(errors);
    }

    // ---------------------------------------------------------------- HTTP handling

    private void handle(HttpExchange exchange) throws IOException {
        try {
            dispatch(exchange);
            exchange.close();
        } catch (AbruptClose e) {
            // Propagating makes the JDK server close the socket without a terminating chunk.
            throw e;
        } catch (Throwable t) {
            if (!(t instanceof IOException) && !(t instanceof InterruptedException)) {
                errors.add(t);
            }
            if (exchange.getResponseCode() == -1) {
                try {
                    sendBytes(exchange, 500, "application/json",
                            errorJson(500, "OpenAI stub failure: " + t), Map.of());
                    exchange.close();
                    return;
                } catch (Throwable ignored) {
                    // fall through: close the connection
                }
            }
            throw new AbruptClose("stub handler failed: " + t);
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException, InterruptedException {
        String rawBody;
        try (InputStream in = exchange.getRequestBody()) {
            rawBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode body = MissingNode.getInstance();
        boolean invalidJson = false;
        if (!rawBody.isBlank()) {
            try {
                body = MAPPER.readTree(rawBody);
            } catch (JsonProcessingException e) {
                invalidJson = true;
            }
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        RecordedRequest request = new RecordedRequest(method, path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), rawBody, body, Instant.now());
        synchronized (lock) {
            requests.add(request);
            lock.notifyAll();
        }

        String normalized = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (normalized.endsWith("/chat/completions")) {
            if (!method.equalsIgnoreCase("POST")) {
                sendBytes(exchange, 405, "application/json", errorJson(405, "Use POST"), Map.of());
            } else if (invalidJson || !body.isObject()) {
                sendBytes(exchange, 400, "application/json",
                        errorJson(400, "We could not parse the JSON body of your request."), Map.of());
            } else {
                chatCompletion(exchange, request);
            }
        } else if (normalized.endsWith("/models") && method.equalsIgnoreCase("GET")) {
            sendBytes(exchange, 200, "application/json", modelsJson(), Map.of());
        } else {
            sendBytes(exchange, 404, "application/json",
                    errorJson(404, "Unknown path " + method + " " + path + " (OpenAI stub)"), Map.of());
        }
    }

    private StubReply nextReply(RecordedRequest request) {
        StubReply queued;
        synchronized (lock) {
            queued = queue.pollFirst();
        }
        if (queued != null) {
            return queued;
        }
        StubReply reply = responder.apply(request);
        if (reply == null) {
            throw new IllegalStateException("OpenAI stub responder returned null for " + request);
        }
        return reply;
    }

    private void chatCompletion(HttpExchange exchange, RecordedRequest request) throws IOException, InterruptedException {
        StubReply reply = nextReply(request);
        sleep(reply.delayBeforeFirstByte());
        boolean streaming = request.streaming();
        switch (reply.kind()) {
            case DROP -> throw new AbruptClose("dropConnection()");
            case STATUS -> sendBytes(exchange, reply.httpStatus(), "application/json", reply.statusBody(),
                    reply.headers());
            case MALFORMED -> {
                if (streaming) {
                    String id = nextId();
                    startStream(exchange, reply);
                    OutputStream out = exchange.getResponseBody();
                    writeEvent(out, chunk(id, request, role(), null).toString());
                    writeEvent(out, "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\":{\"content\":\"brok");
                    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    sendBytes(exchange, 200, "application/json",
                            "{\"id\":\"chatcmpl-malformed\",\"object\":\"chat.completion\",\"choices\":[{\"message\":{\"content\":\"unterminated",
                            reply.headers());
                }
            }
            case CONTENT -> {
                if (streaming) {
                    stream(exchange, request, reply);
                } else {
                    sendBytes(exchange, 200, "application/json", completionJson(request, reply), reply.headers());
                }
            }
        }
    }

    private String completionJson(RecordedRequest request, StubReply reply) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", nextId());
        root.put("object", "chat.completion");
        root.put("created", Instant.now().getEpochSecond());
        root.put("model", modelOf(request));
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", reply.content());
        choice.putNull("logprobs");
        choice.put("finish_reason", reply.finishReason());
        root.set("usage", usage(request, reply));
        return root.toString();
    }

    private void stream(HttpExchange exchange, RecordedRequest request, StubReply reply)
            throws IOException, InterruptedException {
        String id = nextId();
        startStream(exchange, reply);
        OutputStream out = exchange.getResponseBody();
        writeEvent(out, chunk(id, request, role(), null).toString());
        List<String> pieces = reply.streamPieces();
        int breakAfter = reply.breakAfterChunks();
        for (int i = 0; i < pieces.size(); i++) {
            if (i == breakAfter) {
                breakStream(reply);
            }
            sleep(reply.delayBetweenChunks());
            ObjectNode delta = MAPPER.createObjectNode();
            delta.put("content", pieces.get(i));
            writeEvent(out, chunk(id, request, delta, null).toString());
            if (i == 0) {
                firstContent.put(request, Instant.now());
            }
        }
        if (breakAfter >= 0) {
            breakStream(reply);
        }
        sleep(reply.delayBetweenChunks());
        writeEvent(out, chunk(id, request, MAPPER.createObjectNode(), reply.finishReason()).toString());
        ObjectNode usageChunk = chunkBase(id, request);
        usageChunk.putArray("choices");
        usageChunk.set("usage", usage(request, reply));
        writeEvent(out, usageChunk.toString());
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Cuts the stream: a short grace period first, so the client has processed the chunks already sent (some clients
     * drop buffered data once they see the connection fail), or a minute of silence for a stalled one, then the socket
     * is closed without a terminating chunk.
     */
    private static void breakStream(StubReply reply) throws IOException, InterruptedException {
        Thread.sleep(reply.stalls() ? STALL.toMillis() : BREAK_GRACE.toMillis());
        throw new AbruptClose((reply.stalls() ? "stallAfterChunks(" : "breakAfterChunks(") + reply.breakAfterChunks() + ")");
    }

    private static void startStream(HttpExchange exchange, StubReply reply) throws IOException {
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", "text/event-stream; charset=utf-8");
        h.set("Cache-Control", "no-cache");
        h.set("Connection", "close");
        reply.headers().forEach(h::set);
        exchange.sendResponseHeaders(200, 0);
    }

    private static ObjectNode role() {
        ObjectNode delta = MAPPER.createObjectNode();
        delta.put("role", "assistant");
        delta.put("content", "");
        return delta;
    }

    private ObjectNode chunkBase(String id, RecordedRequest request) {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("id", id);
        c.put("object", "chat.completion.chunk");
        c.put("created", Instant.now().getEpochSecond());
        c.put("model", modelOf(request));
        return c;
    }

    private ObjectNode chunk(String id, RecordedRequest request, ObjectNode delta, String finishReason) {
        ObjectNode c = chunkBase(id, request);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return c;
    }

    private static void writeEvent(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode usage(RecordedRequest request, StubReply reply) {
        int prompt = reply.promptTokens() != null ? reply.promptTokens() : Math.max(1, request.promptChars() / 4);
        int completion = reply.completionTokens() != null ? reply.completionTokens()
                : Math.max(1, (reply.content() == null ? 0 : reply.content().length()) / 4);
        ObjectNode u = MAPPER.createObjectNode();
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", prompt + completion);
        return u;
    }

    private static String modelOf(RecordedRequest request) {
        String m = request.model();
        return m == null || m.isBlank() ? "gpt-4o-mini" : m;
    }

    private String nextId() {
        return "chatcmpl-stub" + ids.incrementAndGet();
    }

    private static String modelsJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String id : List.of("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini")) {
            ObjectNode m = data.addObject();
            m.put("id", id);
            m.put("object", "model");
            m.put("created", 1_700_000_000L);
            m.put("owned_by", "openai-stub");
        }
        return root.toString();
    }

    /** An OpenAI-style error body: {@code {"error":{"message":..,"type":..,"param":null,"code":..}}}. */
    public static String errorJson(int status, String message) {
        String type;
        String code;
        switch (status) {
            case 400 -> { type = "invalid_request_error"; code = null; }
            case 401 -> { type = "invalid_request_error"; code = "invalid_api_key"; }
            case 403 -> { type = "invalid_request_error"; code = "unsupported_country_region_territory"; }
            case 404 -> { type = "invalid_request_error"; code = "not_found"; }
            case 429 -> { type = "requests"; code = "rate_limit_exceeded"; }
            default -> { type = status >= 500 ? "server_error" : "invalid_request_error"; code = null; }
        }
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root.toString();
    }

    private static void sendBytes(HttpExchange exchange, int status, String contentType, String body,
            Map<String, String> extraHeaders) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", contentType);
        // One request per connection: the JDK server otherwise closes idle keep-alive connections on its own schedule,
        // and a client reusing one at that moment sees "Connection was closed" — a stub artefact, not a model failure.
        h.set("Connection", "close");
        extraHeaders.forEach(h::set);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        }
    }

    /** Thrown out of the handler so the JDK server closes the socket without completing the response. */
    private static final class AbruptClose extends IOException {
        AbruptClose(String message) {
            super(message);
        }
    }
}
