package dev.bigocean.analysis.ai;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.platform.PromptResources;
import dev.bigocean.platform.PromptText;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;

/**
 * The analyzer agent: reads one user message and the Nerin question it answers and returns facet evidence as a typed
 * record through structured output. No chat memory: every call is independent. Blocking: call it off the event loop.
 * Both arguments must be fenced with {@link dev.bigocean.platform.PromptFence} first. It returns the record itself rather than
 * {@code Result<AnalyzerOutput>}: with {@code Result} quarkus-langchain4j 1.10 sends the JSON schema of {@code Result}
 * instead of the record's; model name and token usage come from {@link AnalyzerModels#lastResponse()} instead.
 * <p>
 * The system prompt is {@link #SYSTEM}, read once and given by {@link AnalyzerSystemPrompt} as it is: named with
 * {@code fromResource}, quarkus-langchain4j parsed its 8 KB with Qute on every call (a quarter of the service's CPU time
 * per analysis in a profile), and even a {@code {system}} template is parsed and rendered per call. The user message is
 * filled from {@link #USER} by concatenation and passed as the message itself, for the same reason.
 */
@ApplicationScoped
@RegisterAiService(chatLanguageModelSupplier = AnalyzerModelSupplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class,
        systemMessageProviderSupplier = AnalyzerSystemPrompt.class)
public interface AnalyzerAi {

    /** The analyzer's system prompt, the same for every call (its length also bounds its cost). */
    String SYSTEM = PromptResources.text("prompts/analyzer-system-v1.txt");

    /** The user message of a call: {@code question}, {@code userMessage}, {@code language}. */
    PromptText USER = PromptText.load("prompts/analyzer-user-v1.txt");

    /** One analysis, its message filled from {@link #USER}. */
    AnalyzerOutput analyze(@UserMessage String message);
}
