package dev.bigocean.conversation.ai;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.platform.FixedSystemPrompt;

/** Nerin's system prompt for every call, as it is. */
@ApplicationScoped
public class NerinSystemPrompt extends FixedSystemPrompt {

    public NerinSystemPrompt() {
        super(NerinAi.SYSTEM);
    }
}
