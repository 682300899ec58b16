package dev.bigocean.conversation;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import dev.bigocean.conversation.ai.NerinAi;
import dev.bigocean.web.Languages;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.TokenStream;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

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

        /** Nerin's call for this prompt: the closing turn ({@link NerinAi#CLOSING}) without a focus, else a turn. */
        TokenStream ask(NerinAi ai) {
            return focus == null
                    ? ai.closing(NerinAi.CLOSING.fill(Map.of("progress", progress, "history", history,
                            "userMessage", userMessage, "language", languageName())))
                    : ai.turn(NerinAi.TURN.fill(Map.of("progress", progress, "history", history, "focus", focus,
                            "userMessage", userMessage, "language", languageName())));
        }
    }

    /** What Nerin's reply stream carries: its text as it arrives, then the whole response (its token usage). */
    sealed interface Reply {
    }

    /** A piece of the reply's text. */
    record Chunk(String text) implements Reply {
    }

    /** The end of the reply: the model's response, with its token usage. */
    record Completed(ChatResponse response) implements Reply {
    }

    /** A reply stream whose first token has arrived: {@code events} replays it, then the rest. */
    record OpenStream(Multi<Reply> events) {
    }

    /**
     * Starts the model's reply and completes with it when its first text arrives. The callbacks run on the thread that
     * reads the model's response, and each goes straight on to the turn. A call abandoned before its first text (the
     * timeout, a retry) ignores what the model sends later, and asks the stream to stop at its next chunk (which
     * quarkus-langchain4j 1.10's OpenAI client does not act on: its streaming handle does nothing).
     */
    @AsynchronousNonBlocking
    @Timeout(20_000)
    @Retry(maxRetries = 1, delay = 300)
    public Uni<OpenStream> open(Prompt prompt) {
        return Uni.createFrom().emitter(emitter -> {
            UnicastProcessor<Reply> rest = UnicastProcessor.create();
            AtomicBoolean started = new AtomicBoolean();
            AtomicBoolean abandoned = new AtomicBoolean();
            emitter.onTermination(() -> abandoned.set(!started.get()));
            TokenStream reply = prompt.ask(ai);
            reply.onPartialResponseWithContext((partial, context) -> {
                if (abandoned.get()) {
                    context.streamingHandle().cancel();
                } else if (started.get()) {
                    rest.onNext(new Chunk(partial.text()));
                } else if (!partial.text().isEmpty()) {
                    started.set(true);
                    rest.onNext(new Chunk(partial.text()));
                    emitter.complete(new OpenStream(rest));
                }
            }).onCompleteResponse(response -> {
                if (started.get()) {
                    rest.onNext(new Completed(response));
                    rest.onComplete();
                } else {
                    emitter.fail(new IllegalStateException("The model ended its reply without any text"));
                }
            }).onError(failure -> {
                if (started.get()) {
                    rest.onError(failure);
                } else {
                    emitter.fail(failure);
                }
            }).start();
        });
    }
}
