package dev.bigocean.analysis.ai;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.platform.FixedSystemPrompt;

/** The analyzer's system prompt for every call, as it is. */
@ApplicationScoped
public class AnalyzerSystemPrompt extends FixedSystemPrompt {

    public AnalyzerSystemPrompt() {
        super(AnalyzerAi.SYSTEM);
    }
}
