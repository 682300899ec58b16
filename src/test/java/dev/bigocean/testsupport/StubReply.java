package dev.bigocean.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link OpenAiStub} answers to one chat-completions request. Immutable: every modifier returns
 * a copy, so a reply can be reused for several requests.
 *
 * <pre>{@code
 * StubReply.text("Hello there")                       // 200, streamed as several SSE chunks if "stream": true
 * StubReply.json("{\"score\": 3}")                    // same as text, for structured output
 * StubReply.chunks("Hel", "lo", " there")             // stream exactly these pieces
 * StubReply.status(500, "{\"error\":{...}}")          // raw error response
 * StubReply.error(429, "Rate limit reached")          // OpenAI-style error JSON
 * StubReply.malformed()                               // 200 with broken JSON / broken SSE line
 * StubReply.dropConnection()                          // close the socket without any response
 * StubReply.text("...").delayBeforeFirstByte(Duration.ofSeconds(2))
 * StubReply.text("...").delayBetweenChunks(Duration.ofMillis(50)).breakAfterChunks(2)
 * StubReply.text("...").usage(100, 20)
 * }</pre>
 */
public final class StubReply {

    /** Kind of reply. */
    public enum Kind {
        /** A normal assistant message (plain text or JSON content). */
        CONTENT,
        /** A non-2xx (or any explicit status) response with a fixed body. */
        STATUS,
        /** HTTP 200 whose body is not valid JSON (non-streaming) or contains a broken SSE line (streaming). */
        MALFORMED,
        /** Close the connection without sending any response. */
        DROP
    }

    private static final Pattern WORD = Pattern.compile("\\s*\\S+\\s*");
    private static final int[] WORDS_PER_CHUNK = {1, 2, 3};
    private static final int LONG_PIECE = 24;
    private static final int LONG_PIECE_SPLIT = 16;

    private final Kind kind;
    private final String content;
    private final List<String> explicitChunks;
    private final int status;
    private final String statusBody;
    private final Duration delayBeforeFirstByte;
    private final Duration delayBetweenChunks;
    private final int breakAfterChunks;
    private final Integer promptTokens;
    private final Integer completionTokens;
    private final String finishReason;
    private final Map<String, String> headers;
    /** At {@link #breakAfterChunks}, keep the connection open and send nothing more instead of closing it. */
    private final boolean stall;

    private StubReply(Kind kind, String content, List<String> explicitChunks, int status, String statusBody,
            Duration delayBeforeFirstByte, Duration delayBetweenChunks, int breakAfterChunks,
            Integer promptTokens, Integer completionTokens, String finishReason, Map<String, String> headers, boolean stall) {
        this.kind = kind;
        this.content = content;
        this.explicitChunks = explicitChunks;
        this.status = status;
        this.statusBody = statusBody;
        this.delayBeforeFirstByte = delayBeforeFirstByte;
        this.delayBetweenChunks = delayBetweenChunks;
        this.breakAfterChunks = breakAfterChunks;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
        this.finishReason = finishReason;
        this.headers = headers;
        this.stall = stall;
    }

    private static StubReply of(Kind kind, String content, List<String> chunks, int status, String body) {
        return new StubReply(kind, content, chunks, status, body, Duration.ZERO, Duration.ZERO, -1,
                null, null, "stop", Map.of(), false);
    }

    // ---------------------------------------------------------------- factories

    /** A 200 reply whose assistant message content is {@code content}. Streamed in chunks of 1–3 words. */
    public static StubReply text(String content) {
        return of(Kind.CONTENT, Objects.requireNonNull(content, "content"), null, 200, null);
    }

    /** Same as {@link #text(String)}; reads better for structured-output (JSON) answers. */
    public static StubReply json(String jsonContent) {
        return text(jsonContent);
    }

    /** A 200 reply whose content is the concatenation of {@code pieces}; when streamed, exactly one SSE event per piece. */
    public static StubReply chunks(String... pieces) {
        List<String> list = List.of(pieces);
        return of(Kind.CONTENT, String.join("", list), list, 200, null);
    }

    /** A response with the given HTTP status and body (sent as application/json), e.g. an OpenAI error object. */
    public static StubReply status(int httpStatus, String body) {
        return of(Kind.STATUS, null, null, httpStatus, body == null ? "" : body);
    }

    /** A response with the given HTTP status and a generic OpenAI-style error body. */
    public static StubReply status(int httpStatus) {
        return error(httpStatus, "Stubbed error " + httpStatus);
    }

    /** A response with the given HTTP status and an OpenAI-style error body carrying {@code message}. */
    public static StubReply error(int httpStatus, String message) {
        return status(httpStatus, OpenAiStub.errorJson(httpStatus, message));
    }

    /** HTTP 200 with a body that is not valid JSON (non-streaming) or with a broken SSE data line (streaming). */
    public static StubReply malformed() {
        return of(Kind.MALFORMED, null, null, 200, null);
    }

    /** Close the connection without sending a status line (after {@link #delayBeforeFirstByte}, if any). */
    public static StubReply dropConnection() {
        return of(Kind.DROP, null, null, 0, null);
    }

    // ---------------------------------------------------------------- modifiers

    /** Wait this long before sending anything (status line included). */
    public StubReply delayBeforeFirstByte(Duration delay) {
        return new StubReply(kind, content, explicitChunks, status, statusBody, nonNegative(delay),
                delayBetweenChunks, breakAfterChunks, promptTokens, completionTokens, finishReason, headers, stall);
    }

    /** Streaming only: wait this long before every SSE event after the first. */
    public StubReply delayBetweenChunks(Duration delay) {
        return new StubReply(kind, content, explicitChunks, status, statusBody, delayBeforeFirstByte,
                nonNegative(delay), breakAfterChunks, promptTokens, completionTokens, finishReason, headers, stall);
    }

    /**
     * Streaming only: send the initial role chunk plus {@code n} content chunks, then close the connection abruptly
     * (no terminating HTTP chunk, no finish chunk, no usage, no {@code [DONE]}). Ignored for non-streaming requests.
     */
    public StubReply breakAfterChunks(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        return new StubReply(kind, content, explicitChunks, status, statusBody, delayBeforeFirstByte,
                delayBetweenChunks, n, promptTokens, completionTokens, finishReason, headers, stall);
    }

    /**
     * Streaming only: send the initial role chunk plus {@code n} content chunks, then nothing more for a minute,
     * keeping the connection open (a model that stalls mid-reply), then close it. Ignored for non-streaming requests.
     */
    public StubReply stallAfterChunks(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        return new StubReply(kind, content, explicitChunks, status, statusBody, delayBeforeFirstByte,
                delayBetweenChunks, n, promptTokens, completionTokens, finishReason, headers, true);
    }

    /** Explicit usage numbers (default: prompt ≈ request message chars / 4, completion ≈ content chars / 4, each ≥ 1). */
    public StubReply usage(int promptTokens, int completionTokens) {
        return new StubReply(kind, content, explicitChunks, status, statusBody, delayBeforeFirstByte,
                delayBetweenChunks, breakAfterChunks, promptTokens, completionTokens, finishReason, headers, stall);
    }

    /** The finish_reason to report (default {@code "stop"}; e.g. {@code "length"} or {@code "content_filter"}). */
    public StubReply finishReason(String reason) {
        return new StubReply(kind, content, explicitChunks, status, statusBody, delayBeforeFirstByte,
                delayBetweenChunks, breakAfterChunks, promptTokens, completionTokens,
                Objects.requireNonNull(reason, "reason"), headers, stall);
    }

    /** An extra response header, e.g. {@code header("Retry-After", "1")}. */
    public StubReply header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new StubReply(kind, content, explicitChunks, status, statusBody, delayBeforeFirstByte,
                delayBetweenChunks, breakAfterChunks, promptTokens, completionTokens, finishReason,
                Collections.unmodifiableMap(copy), stall);
    }

    // ---------------------------------------------------------------- accessors

    public Kind kind() {
        return kind;
    }

    /** The assistant content (null unless {@link Kind#CONTENT}). */
    public String content() {
        return content;
    }

    public int httpStatus() {
        return status;
    }

    /** The body of a {@link Kind#STATUS} reply. */
    public String statusBody() {
        return statusBody;
    }

    /** Whether the stream stalls at {@link #breakAfterChunks()} instead of breaking. */
    public boolean stalls() {
        return stall;
    }

    public Duration delayBeforeFirstByte() {
        return delayBeforeFirstByte;
    }

    public Duration delayBetweenChunks() {
        return delayBetweenChunks;
    }

    /** -1 when the stream is not broken. */
    public int breakAfterChunks() {
        return breakAfterChunks;
    }

    public String finishReason() {
        return finishReason;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Explicit prompt tokens, or null for the default estimate. */
    public Integer promptTokens() {
        return promptTokens;
    }

    /** Explicit completion tokens, or null for the default estimate. */
    public Integer completionTokens() {
        return completionTokens;
    }

    /**
     * The pieces the content is streamed as: the explicit pieces of {@link #chunks(String...)}, else groups of
     * 1, 2, 3, 1, 2, 3… words (whitespace kept); words longer than 24 chars (e.g. dense JSON) are cut into 16-char
     * pieces. The pieces always concatenate to {@link #content()}.
     */
    public List<String> streamPieces() {
        if (kind != Kind.CONTENT) {
            return List.of();
        }
        if (explicitChunks != null) {
            return explicitChunks;
        }
        return split(content);
    }

    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        int end = 0;
        while (m.find()) {
            words.add(m.group());
            end = m.end();
        }
        if (words.isEmpty()) {
            return text.isEmpty() ? List.of() : List.of(text);
        }
        if (end < text.length()) { // cannot happen with the pattern, but keep the invariant safe
            words.add(text.substring(end));
        }
        List<String> pieces = new ArrayList<>();
        int i = 0;
        int group = 0;
        while (i < words.size()) {
            int size = WORDS_PER_CHUNK[group++ % WORDS_PER_CHUNK.length];
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < size && i < words.size(); k++) {
                String w = words.get(i);
                if (w.length() > LONG_PIECE) {
                    if (sb.length() > 0) {
                        break; // flush the current group first, long word handled on its own
                    }
                    pieces.addAll(cut(w));
                    i++;
                    sb = null;
                    break;
                }
                sb.append(w);
                i++;
            }
            if (sb != null && sb.length() > 0) {
                pieces.add(sb.toString());
            }
        }
        assert String.join("", pieces).equals(text);
        return pieces;
    }

    private static List<String> cut(String s) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (pos < s.length()) {
            int next = Math.min(s.length(), pos + LONG_PIECE_SPLIT);
            if (next < s.length() && Character.isHighSurrogate(s.charAt(next - 1))) {
                next--;
            }
            out.add(s.substring(pos, next));
            pos = next;
        }
        return out;
    }

    private static Duration nonNegative(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "StubReply{" + kind + (content != null ? ", content=" + abbreviate(content) : "")
                + (kind == Kind.STATUS ? ", status=" + status : "")
                + (breakAfterChunks >= 0 ? ", breakAfterChunks=" + breakAfterChunks : "") + "}";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? '"' + s + '"' : '"' + s.substring(0, 37) + "...\"";
    }
}
