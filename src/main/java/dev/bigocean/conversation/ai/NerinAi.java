package dev.bigocean.conversation.ai;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.platform.PromptResources;
import dev.bigocean.platform.PromptText;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;

/**
 * Nerin, the interviewer. Streaming only; the stored conversation is passed once per turn through the bounded
 * {@code history} and {@code progress} (no chat memory, so nothing is ever sent twice). Application-scoped: without
 * chat memory an instance holds nothing of a request, and the default request scope built a new AI service context
 * for every turn, computing its guardrail configuration again by reflection each time.
 * <p>
 * The system prompt is {@link #SYSTEM}, read once and given by {@link NerinSystemPrompt} as it is: quarkus-langchain4j
 * parses and renders a {@code @SystemMessage} template with Qute on every call (even {@code {system}}, which round 5
 * used to avoid parsing the 3 KB prompt itself), and the prompt has no variables. The user message is filled from
 * {@link #TURN} or {@link #CLOSING} by concatenation and passed as the message itself, for the same reason.
 * <p>
 * The methods return a {@link TokenStream}, not a {@code Multi}: quarkus-langchain4j subscribes to a {@code Multi}
 * method called on the event loop from a worker thread, and then hands every token from the event loop that received
 * it to a worker and back (three thread hops per token). A token stream is started on the caller's event loop and
 * calls back on the one that reads the reply.
 */
@ApplicationScoped
@RegisterAiService(streamingChatLanguageModelSupplier = NerinModelSupplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class,
        systemMessageProviderSupplier = NerinSystemPrompt.class)
public interface NerinAi {

    /** Nerin's system prompt, the same for every call (its length also bounds a turn's cost). */
    String SYSTEM = PromptResources.text("prompts/nerin-system-v1.txt");

    /** The user message of a turn: {@code progress}, {@code history}, {@code focus}, {@code userMessage}, {@code language}. */
    PromptText TURN = PromptText.load("prompts/nerin-turn-v1.txt");

    /** The user message of the closing turn: as {@link #TURN}, without a focus. */
    PromptText CLOSING = PromptText.load("prompts/nerin-closing-v1.txt");

    /** A turn, its message filled from {@link #TURN}. */
    TokenStream turn(@UserMessage String message);

    /** The closing turn, its message filled from {@link #CLOSING}. */
    TokenStream closing(@UserMessage String message);
}
