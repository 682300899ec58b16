package dev.bigocean.conversation.ai;

import jakarta.enterprise.context.ApplicationScoped;

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
 */
@ApplicationScoped
@RegisterAiService(streamingChatLanguageModelSupplier = NerinModelSupplier.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
public interface NerinAi {

    @SystemMessage(fromResource = "prompts/nerin-system-v1.txt")
    @UserMessage(fromResource = "prompts/nerin-turn-v1.txt")
    Multi<ChatEvent> turn(String progress, String history, String focus, String userMessage, String language);

    @SystemMessage(fromResource = "prompts/nerin-system-v1.txt")
    @UserMessage(fromResource = "prompts/nerin-closing-v1.txt")
    Multi<ChatEvent> closing(String progress, String history, String userMessage, String language);
}
