package dev.bigocean.conversation.ai;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.platform.PromptResources;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;

/**
 * Nerin, the interviewer. Streaming only; the stored conversation is passed once per turn through the bounded
 * {@code history} and {@code progress} (no chat memory, so nothing is ever sent twice). Application-scoped: without
 * chat memory an instance holds nothing of a request, and the default request scope built a new AI service context
 * for every turn, computing its guardrail configuration again by reflection each time.
 * <p>
 * The system prompt is passed in as {@link #SYSTEM}, read once, rather than named with {@code fromResource}:
 * quarkus-langchain4j parses a message's template with Qute on every call, and the 3 KB system prompt (which has no
 * variables) was parsed anew for each turn. The {@code {system}} template is parsed instead; its value is inserted
 * as it is.
 */
@ApplicationScoped
@RegisterAiService(streamingChatLanguageModelSupplier = NerinModelSupplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
public interface NerinAi {

    /** Nerin's system prompt: the {@code system} argument of every call (its length also bounds a turn's cost). */
    String SYSTEM = PromptResources.text("prompts/nerin-system-v1.txt");

    @SystemMessage("{system}")
    @UserMessage(fromResource = "prompts/nerin-turn-v1.txt")
    Multi<ChatEvent> turn(String system, String progress, String history, String focus, String userMessage,
            String language);

    @SystemMessage("{system}")
    @UserMessage(fromResource = "prompts/nerin-closing-v1.txt")
    Multi<ChatEvent> closing(String system, String progress, String history, String userMessage, String language);
}
