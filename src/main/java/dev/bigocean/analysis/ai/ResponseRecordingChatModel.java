package dev.bigocean.analysis.ai;

import java.util.List;
import java.util.Set;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * Passes every call to the analyzer's model unchanged and keeps the raw response (model name, token usage) for the
 * calling thread. The agent call is synchronous on that thread, so right after it returns — or fails to parse — the
 * caller can read what the model reported. This is how the analyzer gets its token usage while returning the plain
 * typed record (see docs/decisions.md: {@code Result<T>} breaks the JSON schema in quarkus-langchain4j 1.10).
 */
final class ResponseRecordingChatModel implements ChatModel {

    private static final ThreadLocal<ChatResponse> LAST = new ThreadLocal<>();

    private final ChatModel delegate;

    ResponseRecordingChatModel(ChatModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ChatResponse response = delegate.chat(request);
        LAST.set(response);
        return response;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return chat(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    /** Forgets any earlier response of this thread; call before the agent. */
    static void clear() {
        LAST.remove();
    }

    /** The response the model gave this thread since {@link #clear()}, or null; clears it. */
    static ChatResponse take() {
        ChatResponse response = LAST.get();
        LAST.remove();
        return response;
    }
}
