package dev.bigocean.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiStubTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OpenAiStub stub;
    private HttpClient client;

    @BeforeEach
    void setUp() {
        stub = OpenAiStub.start();
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterEach
    void tearDown() {
        stub.stop();
        assertTrue(stub.handlerErrors().isEmpty(), () -> "stub handler errors: " + stub.handlerErrors());
    }

    private static String chatBody(boolean stream, String system, String user) {
        var root = MAPPER.createObjectNode();
        root.put("model", "gpt-4o-mini");
        var messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        if (stream) {
            root.put("stream", true);
            root.putObject("stream_options").put("include_usage", true);
        }
        return root.toString();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stub.port() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer test-key")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(boolean stream, String user) throws Exception {
        return send(post("/v1/chat/completions", chatBody(stream, "You are terse.", user)).build());
    }

    /** Parses an SSE body into the payloads of its data: events. */
    private static List<String> dataEvents(String sse) {
        List<String> out = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            if (event.isBlank()) {
                continue;
            }
            assertTrue(event.startsWith("data: "), "not a data event: " + event);
            out.add(event.substring("data: ".length()));
        }
        return out;
    }

    private static String contentOfDeltas(List<String> events) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String e : events) {
            if (e.equals("[DONE]")) {
                continue;
            }
            JsonNode choices = MAPPER.readTree(e).path("choices");
            if (choices.size() > 0) {
                sb.append(choices.get(0).path("delta").path("content").asText(""));
            }
        }
        return sb.toString();
    }

    @Test
    void baseUrlPointsAtLoopback() {
        assertEquals("http://127.0.0.1:" + stub.port() + "/v1", stub.baseUrl());
        assertTrue(stub.port() > 0);
    }

    @Test
    void nonStreamedReplyHasChatCompletionShapeAndUsage() throws Exception {
        String system = "You are terse.";
        String user = "What is the capital of France?";
        stub.respondWith(r -> StubReply.text("Paris is the capital of France."));

        HttpResponse<String> resp = send(post("/v1/chat/completions", chatBody(false, system, user)).build());

        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode json = MAPPER.readTree(resp.body());
        assertTrue(json.path("id").asText().startsWith("chatcmpl-"));
        assertEquals("chat.completion", json.path("object").asText());
        assertTrue(json.path("created").asLong() > 1_600_000_000L);
        assertEquals("gpt-4o-mini", json.path("model").asText());
        assertEquals(1, json.path("choices").size());
        JsonNode choice = json.path("choices").get(0);
        assertEquals(0, choice.path("index").asInt());
        assertEquals("assistant", choice.path("message").path("role").asText());
        assertEquals("Paris is the capital of France.", choice.path("message").path("content").asText());
        assertEquals("stop", choice.path("finish_reason").asText());

        int expectedPrompt = Math.max(1, (system.length() + user.length()) / 4);
        int expectedCompletion = Math.max(1, "Paris is the capital of France.".length() / 4);
        JsonNode usage = json.path("usage");
        assertEquals(expectedPrompt, usage.path("prompt_tokens").asInt());
        assertEquals(expectedCompletion, usage.path("completion_tokens").asInt());
        assertEquals(expectedPrompt + expectedCompletion, usage.path("total_tokens").asInt());
    }

    @Test
    void defaultResponderAndExplicitUsage() throws Exception {
        JsonNode json = MAPPER.readTree(chat(false, "hi").body());
        assertEquals(OpenAiStub.DEFAULT_TEXT, json.at("/choices/0/message/content").asText());

        stub.respondWith(StubReply.json("{\"score\":4}").usage(120, 7));
        json = MAPPER.readTree(chat(false, "score it").body());
        assertEquals("{\"score\":4}", json.at("/choices/0/message/content").asText());
        assertEquals(120, json.at("/usage/prompt_tokens").asInt());
        assertEquals(7, json.at("/usage/completion_tokens").asInt());
        assertEquals(127, json.at("/usage/total_tokens").asInt());
    }

    @Test
    void streamedReplyIsSeveralDataEventsEndingWithUsageAndDone() throws Exception {
        String text = "The quick brown fox jumps over the lazy dog.";
        stub.respondWith(r -> StubReply.text(text).usage(11, 9));

        HttpResponse<String> resp = chat(true, "Tell me about foxes");

        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<String> events = dataEvents(resp.body());
        // role chunk + >= 3 content chunks + finish chunk + usage chunk + [DONE]
        assertTrue(events.size() >= 7, "events: " + events);
        assertEquals("[DONE]", events.get(events.size() - 1));

        JsonNode first = MAPPER.readTree(events.get(0));
        assertEquals("chat.completion.chunk", first.path("object").asText());
        assertEquals("assistant", first.at("/choices/0/delta/role").asText());
        assertEquals("", first.at("/choices/0/delta/content").asText());

        List<String> contentEvents = events.subList(1, events.size() - 3);
        assertTrue(contentEvents.size() >= 3, "expected several content chunks: " + contentEvents);
        String id = first.path("id").asText();
        for (String e : contentEvents) {
            JsonNode c = MAPPER.readTree(e);
            assertEquals(id, c.path("id").asText());
            assertFalse(c.at("/choices/0/delta/content").asText().isEmpty());
            assertTrue(c.at("/choices/0/finish_reason").isNull());
            int words = c.at("/choices/0/delta/content").asText().trim().split("\\s+").length;
            assertTrue(words >= 1 && words <= 3, "chunk of 1-3 words: " + e);
        }
        assertEquals(text, contentOfDeltas(events));

        JsonNode finish = MAPPER.readTree(events.get(events.size() - 3));
        assertEquals("stop", finish.at("/choices/0/finish_reason").asText());
        assertEquals(0, finish.at("/choices/0/delta").size());

        JsonNode usageChunk = MAPPER.readTree(events.get(events.size() - 2));
        assertTrue(usageChunk.path("choices").isArray());
        assertEquals(0, usageChunk.path("choices").size());
        assertEquals(11, usageChunk.at("/usage/prompt_tokens").asInt());
        assertEquals(9, usageChunk.at("/usage/completion_tokens").asInt());
        assertEquals(20, usageChunk.at("/usage/total_tokens").asInt());
    }

    @Test
    void streamedJsonWithoutSpacesIsStillSplitAndExplicitChunksAreKept() throws Exception {
        String json = "{\"summary\":\"abcdefghijklmnopqrstuvwxyz\",\"score\":12345678}";
        stub.enqueue(StubReply.json(json), StubReply.chunks("Hel", "lo", " there"));

        List<String> events = dataEvents(chat(true, "x").body());
        assertEquals(json, contentOfDeltas(events));
        assertTrue(events.size() - 4 >= 3, "dense JSON split in pieces: " + events);

        events = dataEvents(chat(true, "y").body());
        assertEquals(1 + 3 + 3, events.size(), "role + 3 pieces + finish + usage + DONE: " + events);
        assertEquals("lo", MAPPER.readTree(events.get(2)).at("/choices/0/delta/content").asText());
    }

    @Test
    void streamIsDeliveredIncrementally() throws Exception {
        stub.respondWith(StubReply.chunks("a", "b", "c", "d", "e").delayBetweenChunks(Duration.ofMillis(150)));
        HttpResponse<InputStream> resp = client.send(
                post("/v1/chat/completions", chatBody(true, "s", "u")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long firstDataAt = -1;
        long doneAt = -1;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ") && firstDataAt < 0) {
                    firstDataAt = System.nanoTime();
                }
                if (line.equals("data: [DONE]")) {
                    doneAt = System.nanoTime();
                }
            }
        }
        assertTrue(firstDataAt > 0 && doneAt > 0);
        assertTrue(Duration.ofNanos(doneAt - firstDataAt).toMillis() >= 500,
                "first event should arrive well before the end of the stream");
    }

    @Test
    void statusReplyGivesThatStatusAndBody() throws Exception {
        String error = OpenAiStub.errorJson(500, "The server had an error");
        stub.enqueue(StubReply.status(500, error), StubReply.error(429, "Slow down").header("Retry-After", "1"));

        HttpResponse<String> resp = chat(false, "hi");
        assertEquals(500, resp.statusCode());
        assertEquals(error, resp.body());
        assertEquals("server_error", MAPPER.readTree(resp.body()).at("/error/type").asText());

        resp = chat(true, "hi"); // also for streaming requests
        assertEquals(429, resp.statusCode());
        assertTrue(resp.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertEquals("Slow down", MAPPER.readTree(resp.body()).at("/error/message").asText());
        assertEquals("rate_limit_exceeded", MAPPER.readTree(resp.body()).at("/error/code").asText());
        assertEquals("1", resp.headers().firstValue("retry-after").orElse(null));

        assertEquals(200, chat(false, "hi").statusCode());
    }

    @Test
    void breakAfterChunksClosesWithoutDone() throws Exception {
        stub.enqueue(StubReply.text("one two three four five six seven eight nine ten").breakAfterChunks(2));

        // Raw socket: see exactly what goes over the wire until the server closes the connection.
        String body = chatBody(true, "s", "u");
        String raw;
        try (Socket socket = new Socket("127.0.0.1", stub.port())) {
            socket.setSoTimeout(10_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // until EOF
        }
        assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
        assertTrue(raw.toLowerCase().contains("transfer-encoding: chunked"), raw);
        assertFalse(raw.contains("[DONE]"), raw);
        assertFalse(raw.endsWith("0\r\n\r\n"), "no terminating chunk expected: " + raw);
        List<String> lines = new ArrayList<>();
        for (String line : raw.split("\r?\n")) {
            if (line.startsWith("data: ")) {
                lines.add(line.substring(6));
            }
        }
        assertEquals(3, lines.size(), "role chunk + 2 content chunks: " + lines);
        assertEquals("one two three ", contentOfDeltas(lines));
        assertFalse(raw.contains("finish_reason\":\"stop"), raw);

        // A real HTTP client sees a failed body, not a clean end.
        stub.enqueue(StubReply.text("one two three four five six").breakAfterChunks(1));
        HttpResponse<InputStream> resp = client.send(post("/v1/chat/completions", body).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, resp.statusCode());
        assertThrows(IOException.class, () -> {
            try (InputStream in = resp.body()) {
                in.readAllBytes();
            }
        });

        // the server survives
        assertEquals(200, chat(true, "again").statusCode());
    }

    @Test
    void requestsAreRecordedWithBodyAndHeaders() throws Exception {
        String body = chatBody(true, "You are a test system prompt.", "first question");
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(body);
        root.withArray("messages").addObject().put("role", "assistant").put("content", "an answer");
        root.withArray("messages").addObject().put("role", "user").putArray("content")
                .addObject().put("type", "text").put("text", "second question");
        send(post("/v1/chat/completions", root.toString()).header("X-Custom", "abc").build());

        List<RecordedRequest> recorded = stub.awaitRequests(1, Duration.ofSeconds(5));
        assertEquals(1, stub.requestCount());
        RecordedRequest r = recorded.get(0);
        assertEquals("POST", r.method());
        assertEquals("/v1/chat/completions", r.path());
        assertEquals("Bearer test-key", r.header("Authorization"));
        assertEquals("abc", r.headers().get("x-custom").get(0));
        assertTrue(r.headers().keySet().stream().allMatch(k -> k.equals(k.toLowerCase())));
        assertTrue(r.streaming());
        assertEquals("gpt-4o-mini", r.model());
        assertEquals(4, r.messages().size());
        assertEquals(List.of("system", "user", "assistant", "user"), r.roles());
        assertEquals("You are a test system prompt.", r.systemText());
        assertEquals("second question", r.lastUserText());
        assertEquals("You are a test system prompt.\nfirst question\nan answer\nsecond question",
                r.allMessageText());
        assertEquals("You are a test system prompt.".length() + "first question".length()
                + "an answer".length() + "second question".length(), r.promptChars());
        assertTrue(r.body().path("stream_options").path("include_usage").asBoolean());
        assertTrue(r.isChatCompletion());

        stub.clearRequests();
        assertEquals(0, stub.requestCount());
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void enqueuedRepliesComeFirstInOrderThenTheResponder() throws Exception {
        stub.respondWith(r -> StubReply.text("from responder: " + r.lastUserText()));
        stub.enqueue(StubReply.text("first"), StubReply.text("second"));
        stub.enqueue(StubReply.text("third"));
        assertEquals(3, stub.queuedReplies());

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(MAPPER.readTree(chat(false, "q" + i).body()).at("/choices/0/message/content").asText());
        }
        assertEquals(List.of("first", "second", "third", "from responder: q3", "from responder: q4"), answers);
        assertEquals(0, stub.queuedReplies());
        assertEquals(5, stub.requestCount());
    }

    @Test
    void alternativePathsAndModels() throws Exception {
        for (String path : List.of("/chat/completions", "/v1/v1/chat/completions")) {
            HttpResponse<String> resp = send(post(path, chatBody(false, "s", "u")).build());
            assertEquals(200, resp.statusCode(), path);
            assertEquals(OpenAiStub.DEFAULT_TEXT,
                    MAPPER.readTree(resp.body()).at("/choices/0/message/content").asText());
        }
        HttpResponse<String> models = send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/models")).GET().build());
        assertEquals(200, models.statusCode());
        JsonNode json = MAPPER.readTree(models.body());
        assertEquals("list", json.path("object").asText());
        assertTrue(json.path("data").size() >= 1);
        assertEquals("model", json.at("/data/0/object").asText());

        HttpResponse<String> unknown = send(post("/v1/embeddingz", "{}").build());
        assertEquals(404, unknown.statusCode());
        assertEquals(4, stub.requestCount());
        assertEquals(2, stub.chatRequests().size());
    }

    @Test
    void malformedRepliesAreNotParseable() throws Exception {
        stub.enqueue(StubReply.malformed(), StubReply.malformed());

        HttpResponse<String> resp = chat(false, "hi");
        assertEquals(200, resp.statusCode());
        assertThrows(IOException.class, () -> MAPPER.readTree(resp.body()));

        HttpResponse<String> streamed = chat(true, "hi");
        assertEquals(200, streamed.statusCode());
        List<String> events = dataEvents(streamed.body());
        assertThrows(IOException.class, () -> {
            for (String e : events) {
                if (!e.equals("[DONE]")) {
                    MAPPER.readTree(e);
                }
            }
        });
    }

    @Test
    void invalidRequestJsonGives400AndIsRecorded() throws Exception {
        HttpResponse<String> resp = send(post("/v1/chat/completions", "{not json").build());
        assertEquals(400, resp.statusCode());
        RecordedRequest r = stub.lastRequest();
        assertEquals("{not json", r.rawBody());
        assertTrue(r.body().isMissingNode());
        assertNull(r.model());
        assertTrue(r.messages().isEmpty());
    }

    @Test
    void delayBeforeFirstByteAndDroppedConnection() throws Exception {
        stub.enqueue(StubReply.text("late").delayBeforeFirstByte(Duration.ofMillis(1500)), StubReply.dropConnection());
        HttpRequest slow = post("/v1/chat/completions", chatBody(false, "s", "u")).timeout(Duration.ofMillis(300)).build();
        assertThrows(HttpTimeoutException.class, () -> send(slow));

        assertThrows(IOException.class, () -> chat(false, "drop"));
        assertEquals(200, chat(false, "fine").statusCode());
    }

    @Test
    void concurrentRequestsAreServedInParallel() throws Exception {
        stub.respondWith(r -> StubReply.text("slow " + r.lastUserText()).delayBeforeFirstByte(Duration.ofMillis(700)));
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(client.sendAsync(post("/v1/chat/completions", chatBody(i % 2 == 0, "s", "u" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var f : futures) {
            assertEquals(200, f.get().statusCode());
        }
        long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(elapsedMs < 2500, "requests should run concurrently, took " + elapsedMs + " ms");
        assertEquals(4, stub.awaitRequests(4, Duration.ofSeconds(1)).size());
    }

    @Test
    void awaitRequestsTimesOutWithAssertionError() {
        assertThrows(AssertionError.class, () -> stub.awaitRequests(1, Duration.ofMillis(100)));
    }

    @Test
    void throwingResponderGives500AndIsReported() throws Exception {
        stub.respondWith(r -> {
            throw new IllegalStateException("boom");
        });
        HttpResponse<String> resp = chat(false, "hi");
        assertEquals(500, resp.statusCode());
        assertTrue(resp.body().contains("boom"));
        assertEquals(1, stub.handlerErrors().size());
        stub.reset(); // clears the error so tearDown stays green
        assertEquals(200, chat(false, "hi").statusCode());
    }
}
