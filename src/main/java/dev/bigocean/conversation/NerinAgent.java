package dev.bigocean.conversation;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import dev.bigocean.conversation.ai.NerinAi;
import dev.bigocean.web.Languages;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Calls Nerin. {@link #open} completes when the model's first token arrives; the timeout and the bounded retry
 * (SmallRye Fault Tolerance, values in application.properties) therefore apply only before anything reached the user.
 */
@ApplicationScoped
class NerinAgent {

    static final String AGENT_NAME = "nerin";

    private final NerinAi ai;

    NerinAgent(NerinAi ai) {
        this.ai = ai;
    }

    /**
     * One turn's inputs; a {@code null} focus asks for the closing turn. {@code language} is the session's ISO 639-1
     * code ({@code Assessment.language}): Nerin is asked to reply in it.
     */
    record Prompt(String progress, String history, String focus, String userMessage, String language) {

        /** A turn in English. */
        Prompt(String progress, String history, String focus, String userMessage) {
            this(progress, history, focus, userMessage, Languages.DEFAULT);
        }

        /** How the prompt names the language, e.g. {@code German (de)}. */
        String languageName() {
            return Languages.promptName(language);
        }
    }

    /** A reply stream whose first token has arrived: {@code events} replays it, then the rest. */
    record OpenStream(Multi<ChatEvent> events) {
    }

    @AsynchronousNonBlocking
    @Timeout(20_000)
    @Retry(maxRetries = 1, delay = 300)
    public Uni<OpenStream> open(Prompt prompt) {
        return Uni.createFrom().emitter(emitter -> {
            UnicastProcessor<ChatEvent> rest = UnicastProcessor.create();
            AtomicBoolean started = new AtomicBoolean();
            Multi<ChatEvent> events = prompt.focus() == null
                    ? ai.closing(NerinAi.SYSTEM, prompt.progress(), prompt.history(), prompt.userMessage(),
                            prompt.languageName())
                    : ai.turn(NerinAi.SYSTEM, prompt.progress(), prompt.history(), prompt.focus(), prompt.userMessage(),
                            prompt.languageName());
            Cancellable subscription = events.subscribe().with(event -> {
                if (started.get()) {
                    rest.onNext(event);
                } else if (event instanceof ChatEvent.PartialResponseEvent partial && !partial.getChunk().isEmpty()) {
                    started.set(true);
                    rest.onNext(event);
                    emitter.complete(new OpenStream(rest));
                }
            }, failure -> {
                if (started.get()) {
                    rest.onError(failure);
                } else {
                    emitter.fail(failure);
                }
            }, () -> {
                if (started.get()) {
                    rest.onComplete();
                } else {
                    emitter.fail(new IllegalStateException("The model ended its reply without any text"));
                }
            });
            emitter.onTermination(() -> {
                if (!started.get()) {
                    subscription.cancel();
                }
            });
        });
    }
}
