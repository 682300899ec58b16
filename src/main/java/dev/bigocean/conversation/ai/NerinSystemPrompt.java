package dev.bigocean.conversation.ai;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkiverse.langchain4j.runtime.aiservice.SystemMessageProvider;

/** Nerin's system prompt for every call, as it is: no template to parse or render per turn. */
@ApplicationScoped
public class NerinSystemPrompt implements SystemMessageProvider {

    private static final Optional<String> PROMPT = Optional.of(NerinAi.SYSTEM);

    @Override
    public Optional<String> getSystemMessage(Object memoryId) {
        return PROMPT;
    }
}
