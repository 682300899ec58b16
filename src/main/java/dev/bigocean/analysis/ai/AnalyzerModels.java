package dev.bigocean.analysis.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.bigocean.analysis.AnalysisConfig;
import dev.bigocean.platform.Lazy;
import dev.bigocean.platform.LlmConfig;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.quarkiverse.langchain4j.ModelName;
import io.quarkus.runtime.StartupEvent;

/** Chooses the analyzer's model once: the named {@code analyzer} OpenAI model, or {@link OfflineAnalyzerModel}. */
@ApplicationScoped
public class AnalyzerModels {

    private static final Logger LOG = Logger.getLogger(AnalyzerModels.class);

    private final boolean offline;
    private final String modelName;
    private final Lazy<ChatModel> model;

    AnalyzerModels(LlmConfig config, AnalysisConfig analysis, @ModelName("analyzer") Instance<ChatModel> online) {
        this.offline = config.analyzerOffline();
        this.model = Lazy.of(() -> new ResponseRecordingChatModel(offline ? new OfflineAnalyzerModel() : online.get()));
        this.modelName = offline ? OfflineAnalyzerModel.MODEL_NAME : analysis.modelName();
    }

    void logMode(@Observes StartupEvent event) {
        if (offline) {
            LOG.info("Analyzer runs OFFLINE: no API key configured, the deterministic lexicon analyzer ("
                    + OfflineAnalyzerModel.MODEL_NAME + ") produces evidence (set ANALYZER_API_KEY or OPENAI_API_KEY to use a real model)");
        } else {
            LOG.infof("Analyzer uses the configured OpenAI-compatible model %s", modelName);
        }
    }

    public ChatModel model() {
        return model.get();
    }

    /** Forgets the last response seen on this thread; call right before the agent. */
    public void beforeCall() {
        ResponseRecordingChatModel.clear();
    }

    /** The model's raw response to this thread's last agent call (model name, token usage), or null. */
    public ChatResponse lastResponse() {
        return ResponseRecordingChatModel.take();
    }

    public boolean offline() {
        return offline;
    }

    /** The model name recorded on a job when the response does not report one. */
    public String modelName() {
        return modelName;
    }
}
