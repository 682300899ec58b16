package dev.bigocean.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request received by {@link OpenAiStub}.
 *
 * @param method     HTTP method
 * @param path       request path without query string, e.g. {@code /v1/chat/completions}
 * @param query      raw query string or null
 * @param headers    request headers, names lower-cased
 * @param rawBody    the request body as text (UTF-8)
 * @param body       the parsed JSON body; {@link MissingNode} when the body is empty or not JSON
 * @param receivedAt when the request was received
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
        String rawBody, JsonNode body, Instant receivedAt) {

    public RecordedRequest {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> copy.computeIfAbsent(k.toLowerCase(java.util.Locale.ROOT), x -> new ArrayList<>())
                    .addAll(v == null ? List.of() : v));
        }
        copy.replaceAll((k, v) -> List.copyOf(v));
        headers = Collections.unmodifiableMap(copy);
        rawBody = rawBody == null ? "" : rawBody;
        body = body == null ? MissingNode.getInstance() : body;
    }

    /** First value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** True for a chat-completions call (any path ending in {@code /chat/completions}). */
    public boolean isChatCompletion() {
        return path != null && path.endsWith("/chat/completions");
    }

    /** Whether the body asks for a streamed response ({@code "stream": true}). */
    public boolean streaming() {
        return body.path("stream").asBoolean(false);
    }

    /** The requested model, or null. */
    public String model() {
        JsonNode m = body.get("model");
        return m == null || m.isNull() ? null : m.asText();
    }

    /** The {@code messages} array as a list (empty if absent). */
    public List<JsonNode> messages() {
        JsonNode msgs = body.get("messages");
        if (msgs == null || !msgs.isArray()) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>(msgs.size());
        msgs.forEach(out::add);
        return Collections.unmodifiableList(out);
    }

    /** The {@code role} of each message, in order. */
    public List<String> roles() {
        List<String> out = new ArrayList<>();
        for (JsonNode m : messages()) {
            out.add(m.path("role").asText(""));
        }
        return out;
    }

    /**
     * Text of every message content joined with {@code "\n"}, in order. Handles both string content and the
     * array-of-parts form (text parts only).
     */
    public String allMessageText() {
        List<String> parts = new ArrayList<>();
        for (JsonNode m : messages()) {
            parts.add(contentText(m));
        }
        return String.join("\n", parts);
    }

    /** Text of all {@code system} (and {@code developer}) messages joined with {@code "\n"}; empty if none. */
    public String systemText() {
        List<String> parts = new ArrayList<>();
        for (JsonNode m : messages()) {
            String role = m.path("role").asText("");
            if (role.equals("system") || role.equals("developer")) {
                parts.add(contentText(m));
            }
        }
        return String.join("\n", parts);
    }

    /** Text of the last {@code user} message, or null if there is none. */
    public String lastUserText() {
        List<JsonNode> msgs = messages();
        for (int i = msgs.size() - 1; i >= 0; i--) {
            if ("user".equals(msgs.get(i).path("role").asText(""))) {
                return contentText(msgs.get(i));
            }
        }
        return null;
    }

    /** Total characters of all message contents (the basis of the default prompt_tokens estimate). */
    public int promptChars() {
        int total = 0;
        for (JsonNode m : messages()) {
            total += contentText(m).length();
        }
        return total;
    }

    /** The {@code response_format} node ({@link MissingNode} if absent). */
    public JsonNode responseFormat() {
        return body.path("response_format");
    }

    /** The text of one message's {@code content} (string, or concatenated text parts); empty if none. */
    public static String contentText(JsonNode message) {
        JsonNode content = message.get("content");
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    sb.append(part.asText());
                } else if (part.has("text")) {
                    sb.append(part.get("text").asText());
                }
            }
            return sb.toString();
        }
        return content.toString();
    }

    @Override
    public String toString() {
        return method + " " + path + " " + (rawBody.length() > 200 ? rawBody.substring(0, 200) + "..." : rawBody);
    }
}
