package dev.bigocean.analysis.ai;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkiverse.langchain4j.runtime.aiservice.SystemMessageProvider;

/** The analyzer's system prompt for every call, as it is: no template to parse or render per analysis. */
@ApplicationScoped
public class AnalyzerSystemPrompt implements SystemMessageProvider {

    private static final Optional<String> PROMPT = Optional.of(AnalyzerAi.SYSTEM);

    @Override
    public Optional<String> getSystemMessage(Object memoryId) {
        return PROMPT;
    }
}
