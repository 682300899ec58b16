package dev.bigocean.testsupport;

import java.util.List;
import java.util.function.Function;

/** Shared ways to answer the OpenAI stub: Nerin requests get scripted replies, analyzer requests find no evidence. */
public final class Stubs {

    public static final String EMPTY_ANALYSIS = "{\"evidence\": []}";

    private Stubs() {
    }

    public static boolean isNerin(RecordedRequest request) {
        return request.systemText() != null && request.systemText().contains("You are Nerin");
    }

    /** Nerin answers with {@code reply}; anything else (the analyzer) gets an empty evidence list. */
    public static Function<RecordedRequest, StubReply> nerin(StubReply reply) {
        return request -> isNerin(request) ? reply : StubReply.json(EMPTY_ANALYSIS);
    }

    public static Function<RecordedRequest, StubReply> nerin(String reply) {
        return nerin(StubReply.text(reply));
    }

    public static List<RecordedRequest> nerinRequests(OpenAiStub stub) {
        return stub.requests().stream().filter(RecordedRequest::isChatCompletion).filter(Stubs::isNerin).toList();
    }
}
