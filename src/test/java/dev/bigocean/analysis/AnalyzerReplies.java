package dev.bigocean.analysis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.OpenAiStub;
import dev.bigocean.testsupport.RecordedRequest;
import dev.bigocean.testsupport.StubReply;

/**
 * Programs the OpenAI stub as the analyzer: each test registers a reply for a marker written in its user message, so
 * replies never leak between messages (or to other roles). Unknown analyzer requests get an empty evidence list.
 */
final class AnalyzerReplies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Function<RecordedRequest, StubReply>> BY_MARKER = new ConcurrentHashMap<>();

    private AnalyzerReplies() {
    }

    static void install() {
        InfrastructureResource.stub().respondWith(AnalyzerReplies::answer);
    }

    static void when(String marker, StubReply reply) {
        BY_MARKER.put(marker, r -> reply);
    }

    static void when(String marker, Function<RecordedRequest, StubReply> reply) {
        BY_MARKER.put(marker, reply);
    }

    static StubReply answer(RecordedRequest request) {
        if (!isAnalyzer(request)) {
            return StubReply.text(OpenAiStub.DEFAULT_TEXT);
        }
        String fenced = fenced(request);
        for (Map.Entry<String, Function<RecordedRequest, StubReply>> e : BY_MARKER.entrySet()) {
            if (fenced.contains(e.getKey())) {
                return e.getValue().apply(request);
            }
        }
        return StubReply.json("{\"evidence\":[]}");
    }

    static boolean isAnalyzer(RecordedRequest request) {
        String system = request.systemText();
        return system != null && system.contains("You are the evidence analyzer");
    }

    /** The text between the first {@code <user_message>} and the next {@code </user_message>} of the user prompt. */
    static String fenced(RecordedRequest request) {
        String user = request.lastUserText();
        int open = user == null ? -1 : user.indexOf("<user_message>");
        int close = open < 0 ? -1 : user.indexOf("</user_message>", open);
        return close < 0 ? "" : user.substring(open + "<user_message>".length(), close);
    }

    /** Analyzer requests whose fenced message contains the marker. */
    static List<RecordedRequest> requests(String marker) {
        return InfrastructureResource.stub().chatRequests().stream()
                .filter(AnalyzerReplies::isAnalyzer)
                .filter(r -> fenced(r).contains(marker))
                .toList();
    }

    /** {@code {"evidence":[...]}} from (facet, score, confidence, quote) quadruples. */
    static String evidence(Object... quads) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode items = root.putArray("evidence");
        for (int i = 0; i < quads.length; i += 4) {
            ObjectNode item = items.addObject();
            item.put("facet", (String) quads[i]);
            item.putPOJO("score", quads[i + 1]);
            item.putPOJO("confidence", quads[i + 2]);
            item.put("quote", (String) quads[i + 3]);
        }
        return root.toString();
    }

    static String marker() {
        return "ref-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8);
    }
}
