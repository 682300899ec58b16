package dev.bigocean.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.bigocean.scoring.ConversationContent;
import dev.bigocean.assessment.Assessment;
import dev.bigocean.assessment.AssessmentConfig;
import dev.bigocean.assessment.AssessmentService;
import dev.bigocean.assessment.Message;
import dev.bigocean.assessment.ScoringService;
import dev.bigocean.conversation.ai.NerinAi;
import dev.bigocean.conversation.ai.NerinModels;
import dev.bigocean.conversation.ai.OfflineNerinModel;
import dev.bigocean.conversation.api.MessageResponse;
import dev.bigocean.limits.CostBudget;
import dev.bigocean.platform.OutageLog;
import dev.bigocean.platform.PromptFence;
import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.ScoreSheet;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.Languages;
import dev.bigocean.web.ErrorMapper;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One Nerin turn as one stream: open (lock, idempotency, context: one statement) → plan the prompt → reserve its
 * worst-case cost → store the user message (with its analysis job) → open the model → forward its tokens → settle the
 * cost and store the reply → done. Nothing is written before the turn is accepted. One termination hook releases the
 * lock and the reservation, whatever happened; one place turns a failure into the error the client gets. The turn runs
 * to the end even when the client goes away; one turn at a time per session (a lock on the session row).
 */
@ApplicationScoped
class ConversationService {

    private static final Logger LOG = Logger.getLogger(ConversationService.class);
    /** Characters of the system prompt and the turn template around the placeholders (an upper bound). */
    private static final int SYSTEM_PROMPT_CHARS = NerinAi.SYSTEM.length();
    private static final int TEMPLATE_CHARS = Math.max(NerinAi.TURN.length(), NerinAi.CLOSING.length());
    /** How long a stop waits for interrupted turns to release their locks and reservations. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

    private final AssessmentService assessments;
    private final TurnRepository turns;
    private final NerinAgent nerin;
    private final AssessmentConfig assessmentConfig;
    private final ConversationConfig config;
    private final CostBudget budget;
    private final String modelName;
    private final int maxOutputTokens;
    private final ConversationContent content = ConversationContent.get();
    private final Set<Turn> inFlight = ConcurrentHashMap.newKeySet();
    /** Nerin's model failing turns (unreachable, refusing, too slow): one WARN until a turn's model call completes. */
    private final OutageLog modelOutage = new OutageLog(LOG, "Nerin's model answers again");
    private volatile boolean accepting = true;

    ConversationService(AssessmentService assessments, TurnRepository turns, NerinAgent nerin,
            AssessmentConfig assessmentConfig, ConversationConfig config, CostBudget budget, NerinModels models) {
        this.assessments = assessments;
        this.turns = turns;
        this.nerin = nerin;
        this.assessmentConfig = assessmentConfig;
        this.config = config;
        this.budget = budget;
        this.modelName = models.offline() ? OfflineNerinModel.MODEL_NAME : config.modelName();
        this.maxOutputTokens = config.maxTokens();
    }

    /** A validated turn request. */
    record TurnRequest(UUID sessionId, String message, String idempotencyKey) {
    }

    /**
     * Runs a turn. The returned Uni fails with the turn's error when it is refused or fails before Nerin's first token
     * (400, 404, 409, 410, 503); otherwise it gives the turn's events: tokens, then exactly one {@link TurnEvent.Done}
     * or {@link TurnEvent.Failed}. The turn runs once, detached from its listeners, and replays its events to each.
     */
    Uni<Multi<TurnEvent>> turn(TurnRequest request) {
        Turn turn = new Turn(request);
        Multi<TurnEvent> run = Multi.createBy().replaying().ofMulti(events(turn, assessments.require(request.sessionId())));
        return run.toUni().replaceWith(run);
    }

    private Multi<TurnEvent> events(Turn turn, Uni<Assessment> session) {
        Multi<TurnEvent> work = session
                .flatMap(found -> open(turn, found))
                .onItem().transformToMulti(opening -> opening.keyed().filter(k -> k.assistantMessageId() != null)
                        .map(answered -> replay(turn, answered, opening.sheet())).orElseGet(() -> converse(turn, opening)))
                .onCompletion().invoke(turn::finished);
        return Multi.createBy().merging().streams(work, turn.interruption())
                .onSubscription().invoke(() -> inFlight.add(turn))
                .onTermination().call(() -> release(turn))
                .onFailure().recoverWithMulti(failure -> failed(turn, failure));
    }

    /**
     * Takes the turn lock and reads the turn's context in one statement. Refuses the turn when the idempotency key came
     * with another message (400), the session is gone (404), completed or busy (409); an answered key is replayed.
     */
    private Uni<TurnRepository.Opening> open(Turn turn, Assessment session) {
        if (!accepting) {
            return Uni.createFrom().failure(ApiException.agentInvocation(NerinAgent.AGENT_NAME, session.id.toString()));
        }
        turn.budgetKey = CostBudget.key(session.userId, session.id);
        turn.language = session.language;
        turn.clientKey = session.clientKey;
        String id = session.id.toString();
        return turns.open(session.id, turn.lock, config.turnLockTimeout(), turn.request.message(),
                turn.request.idempotencyKey(), config.idempotencyWindow(), config.historyExchanges() * 2 + 1)
                .map(found -> {
                    TurnRepository.Opening opening = found.orElseThrow(() -> ApiException.sessionNotFound(id));
                    Optional<TurnRepository.KeyedTurn> keyed = opening.keyed();
                    if (keyed.isPresent() && !keyed.get().userContent().equals(turn.request.message())) {
                        throw ApiException.validation("Idempotency-Key",
                                "This Idempotency-Key was already used with a different message");
                    }
                    if (keyed.isEmpty() || keyed.get().assistantMessageId() == null) {
                        if (!opening.taken()) {
                            throw "completed".equals(opening.status()) ? ApiException.sessionCompleted(id)
                                    : ApiException.turnInProgress(id);
                        }
                        turn.locked = true;
                    }
                    return opening;
                });
    }

    /** The stored reply of an earlier call with the same idempotency key, sent again (no model call, no cost). */
    private Multi<TurnEvent> replay(Turn turn, TurnRepository.KeyedTurn answered, ScoreSheet sheet) {
        UUID sessionId = turn.request.sessionId();
        return Multi.createFrom().items(
                new TurnEvent.Token(answered.reply()),
                new TurnEvent.Done(new MessageResponse(answered.reply(), sheet.confidenceMap(),
                        answered.completedBySession(), sessionId.toString(), answered.userMessageId().toString(),
                        answered.assistantMessageId().toString())));
    }

    /** The turn proper: plan, reserve, store the user message, open the model, forward its tokens, then finish. */
    private Multi<TurnEvent> converse(Turn turn, TurnRepository.Opening opening) {
        TurnRequest request = turn.request;
        return Uni.createFrom().item(() -> turn.plan = plan(request.message(), turn.language, opening, opening.sheet()))
                .call(plan -> reserve(turn, expectedCost(plan.prompt())).invoke(turn.reservation::set))
                .call(plan -> plan.reuse() != null ? Uni.createFrom().item(turn.userMessageId = plan.reuse())
                        : turns.storeUserMessage(request.sessionId(), turn.lock, request.message(),
                                request.idempotencyKey(), opening.staleKey()).invoke(id -> turn.userMessageId = id))
                .flatMap(plan -> nerin.open(plan.prompt()).onFailure().transform(ModelFailed::new))
                .onItem().transformToMulti(stream -> Multi.createBy().concatenating().streams(
                        stream.events().ifNoItem().after(config.streamIdleTimeout()).fail()
                                .onFailure().transform(ModelFailed::new).invoke(turn::record)
                                .filter(event -> event instanceof NerinAgent.Chunk)
                                .map(event -> turn.token((NerinAgent.Chunk) event)),
                        Uni.createFrom().deferred(() -> finish(turn)).toMulti()));
    }

    /** A turn's plan, made before anything is written: the prompt, Nerin's focus, and the stored message it reuses. */
    private record Plan(NerinAgent.Prompt prompt, Facet focus, boolean closing, ScoreSheet sheet, UUID reuse) {
    }

    /**
     * The prompt from the stored history and the new message. A retry reuses its unanswered user message (the one sent
     * with the same idempotency key, or the last message when it is the same text) instead of storing a duplicate.
     */
    private Plan plan(String text, String language, TurnRepository.Opening opening, ScoreSheet sheet) {
        List<Message> recent = opening.recent();
        Message last = recent.isEmpty() ? null : recent.get(recent.size() - 1);
        UUID reuse = last != null && last.isUser() && last.content.equals(text) ? last.id
                : opening.keyed().map(TurnRepository.KeyedTurn::userMessageId).orElse(null);
        int exchanges = config.historyExchanges();
        List<Message> earlier = reuse != null ? recent.stream().filter(m -> !m.id.equals(reuse)).toList()
                : recent.subList(Math.max(0, recent.size() - exchanges * 2), recent.size());
        int userTurns = opening.userTurns() + (reuse == null ? 1 : 0);
        boolean closing = sheet.overallConfidence() >= assessmentConfig.confidenceTarget()
                || userTurns >= assessmentConfig.maxUserTurns();
        Facet focus = closing ? null : Steering.next(sheet, ScoringService.explored(sheet), opening.recentFocus());
        NerinAgent.Prompt prompt = new NerinAgent.Prompt(
                PromptContext.progress(sheet, userTurns, assessmentConfig.maxUserTurns(),
                        assessmentConfig.confidenceTarget(), earlier, exchanges),
                PromptContext.history(earlier, exchanges),
                focus == null ? null : content.hint(focus),
                PromptFence.neutralise(text), language == null ? Languages.DEFAULT : language);
        return new Plan(prompt, focus, closing, sheet, reuse);
    }

    /**
     * Reserves on the session's budget, the global ceiling and, for an anonymous session, the budget of the client that
     * started it (sessions older than that record: the calling client's).
     */
    private Uni<CostBudget.Reservation> reserve(Turn turn, long expected) {
        return turn.clientKey == null ? budget.reserve(turn.budgetKey, expected)
                : budget.reserve(turn.budgetKey, turn.clientKey, expected);
    }

    /**
     * The most this turn can cost: the whole prompt (system prompt and template included) and the reply's max tokens.
     */
    private long expectedCost(NerinAgent.Prompt prompt) {
        long promptChars = SYSTEM_PROMPT_CHARS + prompt.progress().length() + prompt.history().length()
                + prompt.userMessage().length() + (prompt.focus() == null ? 0 : prompt.focus().length()) + TEMPLATE_CHARS;
        return budget.worstCaseCostMicros(modelName, promptChars, maxOutputTokens);
    }

    /**
     * The model finished: settle the real cost, store the reply (which releases the lock) and answer. A reply of nothing
     * (no text, or only whitespace) is the model's failure: its cost is settled, nothing is stored, and the user's message
     * stays for a retry. A reply the model stopped at its token limit is stored and answered up to its last complete
     * sentence ({@link CutReply}); a stream has sent its tokens by then, and its {@code done} event carries the stored text.
     */
    private Uni<TurnEvent> finish(Turn turn) {
        UUID sessionId = turn.request.sessionId();
        ChatResponse response = turn.completion;
        TokenUsage usage = response == null ? null : response.tokenUsage();
        String model = response == null || response.modelName() == null ? modelName : response.modelName();
        CostBudget.Reservation reservation = turn.reservation.getAndSet(null);
        long cost = usage == null ? reservation.expectedMicros()
                : budget.costMicros(model, tokens(usage.inputTokenCount()), tokens(usage.outputTokenCount()));
        Uni<Void> settled = budget.settle(reservation, cost)
                .onFailure().invoke(e -> LOG.warnf("Could not settle a Nerin turn's cost: %s", e.toString()))
                .onFailure().recoverWithNull();
        String whole = turn.reply.toString().strip();
        if (whole.isEmpty()) {
            return settled.flatMap(v -> Uni.createFrom().<TurnEvent>failure(
                    new ModelFailed(new IllegalStateException("The model's reply was empty"))));
        }
        String stored = kept(whole, response);
        modelOutage.succeeded();
        Plan plan = turn.plan;
        TurnRepository.Reply reply = new TurnRepository.Reply(UUID.randomUUID(), turn.userMessageId, stored, model,
                usage == null ? null : usage.inputTokenCount(), usage == null ? null : usage.outputTokenCount(),
                cost, plan.focus(), plan.closing());
        return settled
                .flatMap(v -> turns.storeReply(sessionId, turn.lock, reply))
                .invoke(() -> turn.stored = true)
                .map(createdAt -> new TurnEvent.Done(new MessageResponse(stored, plan.sheet().confidenceMap(),
                        plan.closing(), sessionId.toString(), turn.userMessageId.toString(), reply.id().toString())));
    }

    /** What is kept of the model's reply: all of it, or up to its last sentence when it stopped at its token limit. */
    private String kept(String whole, ChatResponse response) {
        if (response == null || response.finishReason() != FinishReason.LENGTH) {
            return whole;
        }
        String cut = CutReply.atLastSentence(whole);
        LOG.infof("A Nerin reply reached its limit of %d tokens (NERIN_MAX_TOKENS): kept up to its last complete sentence, "
                + "%d of %d characters", maxOutputTokens, cut.length(), whole.length());
        return cut;
    }

    private static long tokens(Integer count) {
        return count == null ? 0 : count;
    }

    /**
     * The termination hook: gives back what the turn still holds. An open reservation is released (no token came) or
     * charged its worst case (the model streamed, its usage is unknown); a lock not released by the stored reply is.
     */
    private Uni<Void> release(Turn turn) {
        CostBudget.Reservation reservation = turn.reservation.getAndSet(null);
        Uni<Void> settled = reservation == null ? Uni.createFrom().voidItem()
                : budget.settle(reservation, turn.streaming ? reservation.expectedMicros() : 0)
                        .onFailure().invoke(e -> LOG.warnf("Could not settle a failed turn's reservation: %s", e.toString()))
                        .onFailure().recoverWithNull();
        return settled
                .chain(() -> turn.locked && !turn.stored ? turns.unlock(turn.request.sessionId(), turn.lock)
                        : Uni.createFrom().voidItem())
                .onFailure().invoke(e -> {
                    // During an outage the lock expires by itself (turn-lock-timeout); the outage is logged once.
                    if (ErrorMapper.databaseError(e) == null) {
                        LOG.error("Could not release the turn lock", e);
                    }
                })
                .onFailure().recoverWithNull()
                .invoke(() -> inFlight.remove(turn));
    }

    /**
     * The one place a failure becomes what the client gets: before the first token the turn fails with the error
     * (an HTTP status); once tokens were sent it ends with one {@link TurnEvent.Failed} event.
     */
    private Multi<TurnEvent> failed(Turn turn, Throwable failure) {
        ApiException error;
        if (failure instanceof ApiException refused) {
            error = refused; // e.g. 503 CostLimitExceeded: the budget refused the turn before anything was written
        } else {
            UUID sessionId = turn.request.sessionId();
            // A database failure is answered and logged as the resources do it (an outage or a busy pool once, not
            // once per turn), and so is the model's (once until a turn completes); a lost lock and anything else are
            // logged here.
            if (failure instanceof ModelFailed model) {
                modelOutage.failed("Nerin's model failed a turn (session " + sessionId + ")", model.getCause().toString(),
                        "a turn's model call completes");
                error = ApiException.agentInvocation(NerinAgent.AGENT_NAME, sessionId.toString());
            } else {
                error = ErrorMapper.databaseError(failure);
            }
            if (error == null) {
                LOG.warnf("Nerin turn failed for session %s: %s", sessionId, failure.toString());
                error = failure instanceof TurnRepository.LostTurnLock
                        ? ApiException.database()
                        : ApiException.agentInvocation(NerinAgent.AGENT_NAME, sessionId.toString());
            }
            LOG.debug("Nerin turn failure", failure);
        }
        return turn.streaming ? Multi.createFrom().item(new TurnEvent.Failed(error)) : Multi.createFrom().failure(error);
    }

    /**
     * The model's call or stream failed: told apart from the database's failures, since both can be a refused or reset
     * connection.
     */
    private static final class ModelFailed extends RuntimeException {
        ModelFailed(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }

    /**
     * Shutdown requested: runs before Quarkus stops the HTTP server ({@code quarkus.shutdown.delay-enabled=true}), so
     * open streams still get their last event.
     */
    void onShutdownRequested(@Observes ShutdownDelayInitiatedEvent event) {
        stop();
    }

    /** Fallback when the pre-shutdown phase did not run; returns at once after {@link #onShutdownRequested}. */
    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /**
     * Graceful stop (on shutdown; idempotent): refuses new turns (503 {@code AgentInvocationError}), gives the turns in flight
     * {@code shutdown-grace} to finish, then interrupts the rest — their streams end with one {@code AgentInvocationError}
     * event — and waits for their locks and reservations to be released. Runs on the shutdown (or test) thread.
     */
    void stop() {
        accepting = false;
        if (!awaitIdle(config.shutdownGrace())) {
            LOG.warnf("%d Nerin turn(s) still running after the shutdown grace; interrupting them", inFlight.size());
            inFlight.forEach(Turn::interrupt);
            if (!awaitIdle(RELEASE_WAIT)) {
                LOG.errorf("%d Nerin turn(s) did not release their locks; they expire after %s", inFlight.size(),
                        config.turnLockTimeout());
            }
        }
    }

    /** Accepts turns again after {@link #stop()}. */
    void start() {
        accepting = true;
    }

    private boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return inFlight.isEmpty();
    }

    /** One running turn: what it holds (lock, reservation) and what it has produced so far. */
    private static final class Turn {
        final TurnRequest request;
        final UUID lock = UUID.randomUUID();
        final AtomicReference<CostBudget.Reservation> reservation = new AtomicReference<>();
        final StringBuilder reply = new StringBuilder();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        volatile String budgetKey;
        volatile String language;
        volatile String clientKey;
        volatile Plan plan;
        volatile UUID userMessageId;
        volatile ChatResponse completion;
        volatile boolean locked;
        volatile boolean streaming;
        volatile boolean stored;

        Turn(TurnRequest request) {
            this.request = request;
        }

        TurnEvent.Token token(NerinAgent.Chunk chunk) {
            streaming = true;
            reply.append(chunk.text());
            return new TurnEvent.Token(chunk.text());
        }

        void record(NerinAgent.Reply event) {
            if (event instanceof NerinAgent.Completed done) {
                completion = done.response();
            }
        }

        /** Emits nothing; completes when the turn's work does, fails when the turn is interrupted (shutdown). */
        Multi<TurnEvent> interruption() {
            return Uni.createFrom().completionStage(ended).onItem().transformToMulti(v -> Multi.createFrom().empty());
        }

        void finished() {
            ended.complete(null);
        }

        void interrupt() {
            ended.completeExceptionally(new TurnInterrupted());
        }
    }

    /** The service stopped before the turn finished. */
    static final class TurnInterrupted extends RuntimeException {
        TurnInterrupted() {
            super("The service is shutting down", null, false, false);
        }
    }
}
