package dev.bigocean.conversation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.bigocean.assessment.AssessmentConfig;
import dev.bigocean.assessment.AssessmentService;
import dev.bigocean.assessment.Message;
import dev.bigocean.assessment.ScoringService;
import dev.bigocean.conversation.ai.NerinModels;
import dev.bigocean.conversation.ai.OfflineNerinModel;
import dev.bigocean.conversation.api.MessageResponse;
import dev.bigocean.limits.CostBudget;
import dev.bigocean.platform.PromptFence;
import dev.bigocean.platform.PromptResources;
import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.ScoreSheet;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.ErrorMapper;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * One Nerin turn: store the user message (with its analysis job), pick the focus, stream Nerin's reply, store it.
 * The turn runs to the end even when the client goes away; one turn at a time per session (a lock on the session row).
 */
@ApplicationScoped
public class ConversationService {

    private static final Logger LOG = Logger.getLogger(ConversationService.class);
    /** Characters of the system prompt and the turn template around the placeholders (an upper bound). */
    private static final int SYSTEM_PROMPT_CHARS = PromptResources.chars("prompts/nerin-system-v1.txt");
    private static final int TEMPLATE_CHARS = Math.max(PromptResources.chars("prompts/nerin-turn-v1.txt"),
            PromptResources.chars("prompts/nerin-closing-v1.txt"));

    private final AssessmentService assessments;
    private final ScoringService scoring;
    private final TurnRepository turns;
    private final NerinAgent nerin;
    private final AssessmentConfig assessmentConfig;
    private final ConversationConfig config;
    private final CostBudget budget;
    private final String modelName;
    private final int maxOutputTokens;
    private final ConversationContent content = ConversationContent.get();

    ConversationService(AssessmentService assessments, ScoringService scoring, TurnRepository turns, NerinAgent nerin,
            AssessmentConfig assessmentConfig, ConversationConfig config, CostBudget budget, NerinModels models,
            @ConfigProperty(name = "quarkus.langchain4j.openai.nerin.chat-model.model-name", defaultValue = "gpt-4o-mini") String model,
            @ConfigProperty(name = "quarkus.langchain4j.openai.nerin.chat-model.max-tokens", defaultValue = "400") int maxTokens) {
        this.assessments = assessments;
        this.scoring = scoring;
        this.turns = turns;
        this.nerin = nerin;
        this.assessmentConfig = assessmentConfig;
        this.config = config;
        this.budget = budget;
        this.modelName = models.offline() ? OfflineNerinModel.MODEL_NAME : model;
        this.maxOutputTokens = maxTokens;
    }

    /** A validated turn request. */
    public record TurnRequest(UUID sessionId, String message, String idempotencyKey) {
    }

    /**
     * Runs a turn and returns its events (tokens, then done or failed). Errors before the user message is stored
     * (404, 409, 410) fail the returned stream instead.
     */
    public Multi<TurnEvent> turn(TurnRequest request) {
        UnicastProcessor<TurnEvent> out = UnicastProcessor.create();
        assessments.require(request.sessionId())
                .flatMap(session -> replay(request).map(stored -> {
                    if (stored.isPresent()) {
                        out.onNext(new TurnEvent.Token(stored.get().response()));
                        out.onNext(new TurnEvent.Done(stored.get()));
                        out.onComplete();
                    } else {
                        start(request, CostBudget.key(session.userId, session.id), session.language, out);
                    }
                    return stored;
                }))
                .subscribe().with(stored -> { }, out::onError);
        return out;
    }

    /** The stored reply of an earlier call with the same idempotency key, if it was answered. */
    private Uni<Optional<MessageResponse>> replay(TurnRequest request) {
        if (request.idempotencyKey() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return turns.findByIdempotencyKey(request.sessionId(), request.idempotencyKey(), config.idempotencyWindow())
                .flatMap(found -> {
                    if (found.isEmpty() || found.get().assistantMessageId() == null) {
                        return Uni.createFrom().item(Optional.<MessageResponse>empty());
                    }
                    TurnRepository.StoredTurn t = found.get();
                    if (!t.userContent().equals(request.message())) {
                        throw ApiException.validation("Idempotency-Key",
                                "This Idempotency-Key was already used with a different message");
                    }
                    return scoring.sheet(request.sessionId()).map(sheet -> Optional.of(new MessageResponse(t.reply(),
                            sheet.confidenceMap(), t.completedBySession(), request.sessionId().toString(),
                            t.userMessageId().toString(), t.assistantMessageId().toString())));
                });
    }

    private void start(TurnRequest request, String budgetKey, String language, UnicastProcessor<TurnEvent> out) {
        UUID lock = UUID.randomUUID();
        UUID sessionId = request.sessionId();
        turns.lock(sessionId, lock, config.turnLockTimeout())
                .flatMap(refusal -> {
                    if (refusal.isPresent()) {
                        throw refusal.get() == TurnRepository.LockRefusal.COMPLETED
                                ? ApiException.sessionCompleted(sessionId.toString())
                                : ApiException.turnInProgress(sessionId.toString());
                    }
                    return turns.storeUserMessage(sessionId, lock, request.message(), request.idempotencyKey(),
                            config.idempotencyWindow());
                })
                .subscribe().with(userMessage -> run(sessionId, lock, budgetKey, language, userMessage, out), failure -> {
                    if (!(failure instanceof ApiException)) {
                        turns.unlock(sessionId, lock).subscribe().with(v -> { }, e -> LOG.warn("Unlock failed", e));
                    }
                    out.onError(failure);
                });
    }

    /** The user message is stored: from here on every failure is reported as an event and the lock is released. */
    private void run(UUID sessionId, UUID lock, String budgetKey, String language, Message userMessage,
            UnicastProcessor<TurnEvent> out) {
        int recentLimit = config.historyExchanges() * 2 + 1;
        Uni.combine().all().unis(turns.context(sessionId, recentLimit), scoring.sheet(sessionId)).asTuple()
                .flatMap(loaded -> {
                    TurnRepository.Context context = loaded.getItem1();
                    ScoreSheet sheet = loaded.getItem2();
                    boolean closing = sheet.overallConfidence() >= assessmentConfig.confidenceTarget()
                            || context.userTurns() >= assessmentConfig.maxUserTurns();
                    Facet focus = closing ? null : Steering.next(sheet, ScoringService.explored(sheet), context.recentFocus());
                    List<Message> earlier = context.recent().stream().filter(m -> !m.id.equals(userMessage.id)).toList();
                    NerinAgent.Prompt prompt = new NerinAgent.Prompt(
                            PromptContext.progress(sheet, context.userTurns(), assessmentConfig.maxUserTurns(),
                                    assessmentConfig.confidenceTarget(), earlier, config.historyExchanges()),
                            PromptContext.history(earlier, config.historyExchanges()),
                            focus == null ? null : content.hint(focus),
                            PromptFence.neutralise(userMessage.content), language);
                    return budget.reserve(budgetKey, expectedCost(prompt)).flatMap(reservation -> nerin.open(prompt)
                            .map(stream -> new Started(stream, focus, closing, sheet, reservation))
                            .onFailure().call(e -> budget.release(reservation)));
                })
                .subscribe().with(started -> stream(sessionId, lock, userMessage, started, out),
                        failure -> fail(sessionId, lock, failure, out));
    }

    /**
     * The most this turn can cost: the whole prompt (system prompt and template included) and the reply's max tokens.
     */
    private long expectedCost(NerinAgent.Prompt prompt) {
        long promptChars = SYSTEM_PROMPT_CHARS + prompt.progress().length() + prompt.history().length()
                + prompt.userMessage().length() + (prompt.focus() == null ? 0 : prompt.focus().length()) + TEMPLATE_CHARS;
        return budget.worstCaseCostMicros(modelName, promptChars, maxOutputTokens);
    }

    private record Started(NerinAgent.OpenStream stream, Facet focus, boolean closing, ScoreSheet sheet,
            CostBudget.Reservation reservation) {
    }

    private void stream(UUID sessionId, UUID lock, Message userMessage, Started started, UnicastProcessor<TurnEvent> out) {
        StringBuilder reply = new StringBuilder();
        ChatResponse[] completed = new ChatResponse[1];
        started.stream().events().subscribe().with(event -> {
            if (event instanceof ChatEvent.PartialResponseEvent partial) {
                reply.append(partial.getChunk());
                out.onNext(new TurnEvent.Token(partial.getChunk()));
            } else if (event instanceof ChatEvent.ChatCompletedEvent done) {
                completed[0] = done.getChatResponse();
            }
        }, failure -> budget.settle(started.reservation(), started.reservation().expectedMicros())
                .subscribe().with(v -> fail(sessionId, lock, failure, out), e -> fail(sessionId, lock, failure, out)), () -> {
            ChatResponse response = completed[0];
            String text = reply.toString().strip();
            TokenUsage usage = response == null ? null : response.tokenUsage();
            String model = response == null || response.modelName() == null ? modelName : response.modelName();
            long cost = usage == null ? started.reservation().expectedMicros()
                    : budget.costMicros(model, tokens(usage.inputTokenCount()), tokens(usage.outputTokenCount()));
            TurnRepository.Reply stored = new TurnRepository.Reply(UUID.randomUUID(), userMessage.id, text, model,
                    usage == null ? null : usage.inputTokenCount(), usage == null ? null : usage.outputTokenCount(),
                    cost, started.focus(), started.closing());
            budget.settle(started.reservation(), cost)
                    .onFailure().invoke(e -> LOG.warnf("Could not settle a Nerin turn's cost: %s", e.toString()))
                    .onFailure().recoverWithNull()
                    .flatMap(v -> turns.storeReply(sessionId, lock, stored)).subscribe().with(createdAt -> {
                out.onNext(new TurnEvent.Done(new MessageResponse(text, started.sheet().confidenceMap(), started.closing(),
                        sessionId.toString(), userMessage.id.toString(), stored.id().toString())));
                out.onComplete();
            }, failure -> fail(sessionId, lock, failure, out));
        });
    }

    private static long tokens(Integer count) {
        return count == null ? 0 : count;
    }

    private void fail(UUID sessionId, UUID lock, Throwable failure, UnicastProcessor<TurnEvent> out) {
        boolean database = failure instanceof TurnRepository.LostTurnLock || ErrorMapper.isDatabaseFailure(failure);
        ApiException error;
        if (failure instanceof ApiException refused) {
            error = refused; // e.g. 503 CostLimitExceeded: the budget refused the turn before any model call
        } else {
            LOG.warnf("Nerin turn failed for session %s: %s", sessionId, failure.toString());
            LOG.debug("Nerin turn failure", failure);
            error = database ? ApiException.database()
                    : ApiException.agentInvocation(NerinAgent.AGENT_NAME, sessionId.toString());
        }
        turns.unlock(sessionId, lock).subscribe().with(v -> {
            out.onNext(new TurnEvent.Failed(error));
            out.onComplete();
        }, e -> {
            LOG.error("Could not release the turn lock", e);
            out.onNext(new TurnEvent.Failed(error));
            out.onComplete();
        });
    }
}
