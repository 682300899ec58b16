package dev.bigocean.conversation.ai;

import java.util.function.Supplier;

import dev.langchain4j.model.chat.StreamingChatModel;
import io.quarkus.arc.Arc;

/** Gives Nerin's agent the configured OpenAI-compatible model, or the offline interviewer when the role has no key. */
public class NerinModelSupplier implements Supplier<StreamingChatModel> {

    @Override
    public StreamingChatModel get() {
        return Arc.container().instance(NerinModels.class).get().streaming();
    }
}
