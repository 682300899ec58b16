package dev.bigocean.conversation.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.bigocean.platform.Lazy;
import dev.bigocean.platform.LlmConfig;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.quarkiverse.langchain4j.ModelName;
import io.quarkus.runtime.StartupEvent;

/**
 * Chooses Nerin's model once: the named {@code nerin} OpenAI model, or {@link OfflineNerinModel}. The model (and its
 * HTTP client) is built on the first turn, not while the service starts.
 */
@ApplicationScoped
public class NerinModels {

    private static final Logger LOG = Logger.getLogger(NerinModels.class);

    private final boolean offline;
    private final Lazy<StreamingChatModel> model;

    NerinModels(LlmConfig config, @ModelName("nerin") Instance<StreamingChatModel> online) {
        this.offline = config.nerinOffline();
        this.model = Lazy.of(() -> offline ? new OfflineNerinModel() : online.get());
    }

    void logMode(@jakarta.enterprise.event.Observes StartupEvent event) {
        if (offline) {
            LOG.info("Nerin runs OFFLINE: no API key configured, a deterministic local interviewer answers (set OPENAI_API_KEY to use a real model)");
        } else {
            LOG.info("Nerin uses the configured OpenAI-compatible model");
        }
    }

    public StreamingChatModel streaming() {
        return model.get();
    }

    public boolean offline() {
        return offline;
    }
}
