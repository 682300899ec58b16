package dev.bigocean.analysis.ai;

import java.util.function.Supplier;

import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.arc.Arc;

/** Gives the analyzer agent the configured OpenAI-compatible model, or the offline analyzer when the role has no key. */
public class AnalyzerModelSupplier implements Supplier<ChatModel> {

    @Override
    public ChatModel get() {
        return Arc.container().instance(AnalyzerModels.class).get().model();
    }
}
