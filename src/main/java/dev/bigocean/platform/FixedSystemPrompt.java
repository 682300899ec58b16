package dev.bigocean.platform;

import java.util.Optional;

import io.quarkiverse.langchain4j.runtime.aiservice.SystemMessageProvider;

/**
 * An AI service's system prompt, the same for every call and given as it is: named as the service's
 * {@code systemMessageProviderSupplier}, it spares quarkus-langchain4j the Qute parse and render a
 * {@code @SystemMessage} template costs on every call.
 */
public abstract class FixedSystemPrompt implements SystemMessageProvider {

    private final Optional<String> prompt;

    protected FixedSystemPrompt(String prompt) {
        this.prompt = Optional.of(prompt);
    }

    @Override
    public Optional<String> getSystemMessage(Object memoryId) {
        return prompt;
    }
}
