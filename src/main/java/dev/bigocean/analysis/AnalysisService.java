package dev.bigocean.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.bigocean.analysis.AnalysisJobRepository.Claim;
import dev.bigocean.analysis.AnalysisJobRepository.Input;
import dev.bigocean.analysis.AnalysisJobRepository.Usage;
import dev.bigocean.analysis.ai.AnalyzerAi;
import dev.bigocean.analysis.ai.AnalyzerModels;
import dev.bigocean.analysis.ai.AnalyzerOutput;
import dev.bigocean.limits.CostBudget;
import dev.bigocean.limits.UtcDays;
import dev.bigocean.platform.OutageLog;
import dev.bigocean.platform.PromptFence;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.Languages;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.output.OutputParsingException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Analyses one claimed job: reads the message and its question, calls the analyzer agent on a worker thread (never
 * the event loop), validates the output, reserves the call's worst-case cost on the daily budget and settles its real cost, and records the outcome on the job. Failures become a retry with exponential
 * backoff, or after the last attempt {@code failed} with {@code AnalyzerError} (model or transport failure, timeout)
 * or {@code MalformedEvidenceError} (output that is not the requested JSON).
 */
@ApplicationScoped
class AnalysisService {

    static final String ANALYZER_ERROR = "AnalyzerError";
    static final String MALFORMED_EVIDENCE_ERROR = "MalformedEvidenceError";
    private static final int MAX_DETAIL = 1000;
    private static final Logger LOG = Logger.getLogger(AnalysisService.class);
    private static final int PROMPT_CHARS = AnalyzerAi.SYSTEM.length() + AnalyzerAi.USER.length();

    enum Outcome {
        DONE, RETRY, FAILED, LEASE_LOST
    }

    /** What became of a job; {@code retryIn} is set for {@link Outcome#RETRY}. */
    record Processed(Outcome outcome, Duration retryIn) {
    }

    private final AnalysisJobRepository jobs;
    private final AnalyzerAi analyzer;
    private final AnalyzerModels models;
    private final AnalysisConfig config;
    private final AnalysisMetrics metrics;
    private final CostBudget budget;
    private final Vertx vertx;
    private final int maxOutputTokens;
    /** The analyzer's model failing calls: one WARN until a call succeeds, not one per attempt of every job. */
    private final OutageLog modelOutage = new OutageLog(LOG, "The analyzer's model answers again");
    private volatile Context context;

    AnalysisService(AnalysisJobRepository jobs, AnalyzerAi analyzer, AnalyzerModels models, AnalysisConfig config,
            AnalysisMetrics metrics, CostBudget budget, Vertx vertx) {
        this.jobs = jobs;
        this.analyzer = analyzer;
        this.models = models;
        this.config = config;
        this.metrics = metrics;
        this.budget = budget;
        this.vertx = vertx;
        this.maxOutputTokens = config.maxTokens();
    }

    /** One attempt at one job, traced as the {@code analysis.job} span (the analyzer's model call is its child). */
    @WithSpan("analysis.job")
    Uni<Processed> process(Claim claim) {
        Span.current().setAttribute("bigocean.analysis.job_id", claim.jobId().toString())
                .setAttribute("bigocean.analysis.attempt", claim.attempts());
        return jobs.input(claim.messageId()).flatMap(input -> {
            if (input == null) {
                return complete(claim, EvidenceValidator.validate(List.of(), ""), Usage.NONE, null);
            }
            String key = CostBudget.key(input.ownerId(), claim.sessionId());
            return budget.reserve(key, input.clientKey(), expectedCost(input))
                    .onFailure(ApiException.class).recoverWithNull()
                    .flatMap(reservation -> reservation == null ? deferToNextDay(claim) : analyse(claim, input, reservation));
        });
    }

    private Uni<Processed> analyse(Claim claim, Input input, CostBudget.Reservation reservation) {
        return call(input).onItemOrFailure().transformToUni((answer, failure) -> {
            if (failure != null && !(failure instanceof AnalyzerFailure)) {
                return budget.release(reservation).onFailure().recoverWithNull()
                        .flatMap(v -> Uni.createFrom().failure(failure));
            }
            AnalyzerFailure failed = (AnalyzerFailure) failure;
            if (failed == null || !ANALYZER_ERROR.equals(failed.tag)) {
                modelOutage.succeeded(); // the model answered, whatever it answered
            }
            Usage usage = failed == null ? answer.usage() : failed.usage;
            return settle(claim, reservation, usage).flatMap(cost -> failed == null
                    ? complete(claim, answer.validated(), usage.withCost(cost), input.messageCreatedAt())
                    : fail(claim, failed.withUsage(usage.withCost(cost)), input.messageCreatedAt()));
        });
    }

    /**
     * The most one analysis can cost: the whole prompt and the reply's max tokens, reserved before the call as for
     * Nerin's turns.
     */
    private long expectedCost(Input input) {
        long chars = PROMPT_CHARS + (input.question() == null ? 0 : input.question().length()) + input.message().length();
        return budget.worstCaseCostMicros(models.modelName(), chars, maxOutputTokens);
    }

    /** The budget is spent for today: the job waits for the next UTC day without using an attempt. */
    private Uni<Processed> deferToNextDay(Claim claim) {
        Instant tomorrow = UtcDays.endOf(UtcDays.today());
        metrics.job("deferred", "CostLimitExceeded");
        LOG.infof("Analysis job %s deferred to %s: the daily cost budget is spent", claim.jobId(), tomorrow);
        return handBack(claim, tomorrow, "CostLimitExceeded", "The daily cost budget is spent; analysis resumes the next UTC day");
    }

    /**
     * Hands the job back until {@code until} without using its attempt, noting why: tried again then, or left alone if
     * its lease was lost meanwhile.
     */
    private Uni<Processed> handBack(Claim claim, Instant until, String errorTag, String detail) {
        return jobs.defer(claim, until, errorTag, detail).map(deferred -> new Processed(
                deferred ? Outcome.RETRY : Outcome.LEASE_LOST, Duration.between(Instant.now(), until)));
    }

    /** Replaces the reservation by the call's real cost (nothing when the model reported no usage). */
    private Uni<Long> settle(Claim claim, CostBudget.Reservation reservation, Usage usage) {
        long cost = usage.inputTokens() == null && usage.outputTokens() == null ? 0
                : budget.costMicros(usage.model(), tokens(usage.inputTokens()), tokens(usage.outputTokens()));
        return budget.settle(reservation, cost)
                .onFailure().invoke(e -> LOG.warnf("Could not settle analysis job %s's cost: %s", claim.jobId(), e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWith(cost == 0 && usage.inputTokens() == null && usage.outputTokens() == null ? null : cost);
    }

    private static long tokens(Integer count) {
        return count == null ? 0 : count;
    }

    private record Answer(EvidenceValidator.Validated validated, Usage usage) {
    }

    /** The blocking agent call on a worker thread; its result comes back on the Vert.x context. */
    private Uni<Answer> call(Input input) {
        String question = PromptFence.question(input.question());
        String message = PromptFence.neutralise(input.message());
        String language = Languages.promptName(input.language());
        return Uni.createFrom().item(() -> invoke(question, message, language))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(context())
                .map(answer -> new Answer(EvidenceValidator.validate(answer.output().evidence(), input.message()), answer.usage()));
    }

    private record Output(AnalyzerOutput output, Usage usage) {
    }

    /** On the worker thread: the agent call, its usage as the model reported it, failures classified. */
    private Output invoke(String question, String message, String language) {
        long started = System.nanoTime();
        models.beforeCall();
        AnalyzerOutput output;
        try {
            output = analyzer.analyze(AnalyzerAi.USER.fill(Map.of("question", question, "userMessage", message,
                    "language", language)));
        } catch (RuntimeException e) {
            metrics.call(Duration.ofNanos(System.nanoTime() - started), false);
            throw classify(e, usage(models.lastResponse()));
        }
        metrics.call(Duration.ofNanos(System.nanoTime() - started), true);
        Usage usage = usage(models.lastResponse());
        if (output == null || output.evidence() == null) {
            throw new AnalyzerFailure(MALFORMED_EVIDENCE_ERROR, "The analyzer output has no \"evidence\" list", usage);
        }
        return new Output(output, usage);
    }

    private Uni<Processed> complete(Claim claim, EvidenceValidator.Validated validated, Usage usage, Instant messageCreatedAt) {
        return jobs.complete(claim, validated.evidence(), validated.droppedCount(), usage).map(committed -> {
            if (!committed) {
                metrics.job("lease_lost", null);
                LOG.warnf("Analysis job %s lost its lease before completing; another worker owns it, nothing stored", claim.jobId());
                return new Processed(Outcome.LEASE_LOST, null);
            }
            Duration lag = messageCreatedAt == null ? Duration.ZERO : Duration.between(messageCreatedAt, Instant.now());
            metrics.done(validated.evidence().size(), validated.dropped(), lag);
            if (validated.droppedCount() > 0) {
                LOG.infof("Analysis job %s: %d evidence stored, %d item(s) dropped %s", claim.jobId(),
                        validated.evidence().size(), validated.droppedCount(), dropTags(validated.dropped()));
            } else {
                LOG.debugf("Analysis job %s: %d evidence stored (model %s)", claim.jobId(), validated.evidence().size(), usage.model());
            }
            return new Processed(Outcome.DONE, null);
        });
    }

    private Uni<Processed> fail(Claim claim, AnalyzerFailure failure, Instant messageCreatedAt) {
        Duration backoff = backoff(claim.attempts());
        if (failure.modelUnavailable && claim.attempts() >= config.maxAttempts() && messageCreatedAt != null
                && Instant.now().isBefore(messageCreatedAt.plus(config.modelWait()))) {
            return waitForModel(claim, failure);
        }
        return jobs.fail(claim, failure.tag, failure.getMessage(), failure.usage, config.maxAttempts(), backoff)
                .map(status -> {
                    if (status == null) {
                        metrics.job("lease_lost", failure.tag);
                        LOG.warnf("Analysis job %s failed (%s) after losing its lease; another worker owns it", claim.jobId(), failure.tag);
                        return new Processed(Outcome.LEASE_LOST, null);
                    }
                    if (AnalysisJobRepository.FAILED.equals(status)) {
                        metrics.job("failed", failure.tag);
                        LOG.errorf("Analysis job %s (message %s) FAILED after %d attempt(s): %s: %s", claim.jobId(),
                                claim.messageId(), claim.attempts(), failure.tag, failure.getMessage());
                        return new Processed(Outcome.FAILED, null);
                    }
                    metrics.job("retry", failure.tag);
                    String attempt = String.format("Analysis job %s attempt %d/%d failed; retrying in %s", claim.jobId(),
                            claim.attempts(), config.maxAttempts(), backoff);
                    if (ANALYZER_ERROR.equals(failure.tag)) {
                        // The model unreachable, refusing or too slow: every job meets it, so one WARN until one succeeds.
                        modelOutage.failed(attempt, failure.tag + ": " + failure.getMessage(), "an analysis call succeeds");
                    } else {
                        LOG.warnf("%s (%s: %s)", attempt, failure.tag, failure.getMessage());
                    }
                    return new Processed(Outcome.RETRY, backoff);
                });
    }

    /**
     * The last attempt failed because the model is unavailable, not because of this message: the job waits
     * {@code maxBackoff} and tries again without using the attempt, up to {@code modelWait} after its message, so that
     * a model away for a while leaves no message unanalysed (the outage is logged once, with the attempts before).
     */
    private Uni<Processed> waitForModel(Claim claim, AnalyzerFailure failure) {
        Duration wait = config.maxBackoff();
        modelOutage.failed("Analysis job " + claim.jobId() + " waits " + wait + " for the model, its last attempt kept",
                failure.tag + ": " + failure.getMessage(), "an analysis call succeeds");
        metrics.job("waiting", failure.tag);
        return handBack(claim, Instant.now().plus(wait), failure.tag, failure.getMessage());
    }

    /** {@code backoff × 2^(attempt-1)}, at most {@code maxBackoff}. */
    Duration backoff(int attempt) {
        long base = config.backoff().toMillis();
        long millis = base << Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis < 0 ? Long.MAX_VALUE : millis, config.maxBackoff().toMillis()));
    }

    private Usage usage(ChatResponse response) {
        if (response == null) {
            return new Usage(models.modelName(), null, null, null);
        }
        TokenUsage tokens = response.tokenUsage();
        String model = response.modelName() != null ? response.modelName() : models.modelName();
        return new Usage(model, tokens == null ? null : tokens.inputTokenCount(),
                tokens == null ? null : tokens.outputTokenCount(), null);
    }

    /** Output that is not the requested JSON is {@code MalformedEvidenceError}; everything else {@code AnalyzerError}. */
    static AnalyzerFailure classify(Throwable failure, Usage usage) {
        if (failure instanceof AnalyzerFailure known) {
            return known;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutputParsingException) {
                return new AnalyzerFailure(MALFORMED_EVIDENCE_ERROR, detail(t), usage);
            }
        }
        return new AnalyzerFailure(ANALYZER_ERROR, detail(failure), usage, modelUnavailable(failure));
    }

    /**
     * Whether a call failed on the model's side rather than for the message it was given: the endpoint unreachable, cut
     * off or too slow, overloaded or failing ({@code 429}, {@code 5xx}), or refusing this service's key or model name
     * ({@code 401}, {@code 403}, {@code 404}: an operator fixes those). A request the model refuses as such ({@code 400},
     * a content filter) and output that is not the requested JSON are the message's.
     */
    static boolean modelUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidRequestException || t instanceof ContentFilteredException
                    || t instanceof OutputParsingException) {
                return false;
            }
            if (t instanceof HttpException http) {
                int status = http.statusCode();
                return status == 401 || status == 403 || status == 404 || status == 408 || status == 429 || status >= 500;
            }
            if (t instanceof RetriableException || t instanceof AuthenticationException || t instanceof ModelNotFoundException
                    || t instanceof jakarta.ws.rs.ProcessingException || t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static String detail(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = t.getClass().getSimpleName() + ": " + t.getMessage();
        if (root != t) {
            text += " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }

    private static String dropTags(Map<EvidenceValidator.DropReason, Integer> dropped) {
        StringBuilder sb = new StringBuilder("(");
        dropped.forEach((reason, n) -> sb.append(sb.length() > 1 ? ", " : "").append(reason.tag()).append('=').append(n));
        return sb.append(')').toString();
    }

    private Executor context() {
        Context ctx = context;
        if (ctx == null) {
            ctx = vertx.getOrCreateContext();
            context = ctx;
        }
        Context target = ctx;
        return command -> target.runOnContext(v -> command.run());
    }

    /** A failed attempt with its error tag; the message is the detail stored on the job. */
    static final class AnalyzerFailure extends RuntimeException {
        final String tag;
        final Usage usage;
        /** The model was unavailable ({@link #modelUnavailable}): a last attempt waits instead of failing the job. */
        final boolean modelUnavailable;

        AnalyzerFailure(String tag, String detail, Usage usage) {
            this(tag, detail, usage, false);
        }

        AnalyzerFailure(String tag, String detail, Usage usage, boolean modelUnavailable) {
            super(detail, null, false, false);
            this.tag = tag;
            this.usage = usage;
            this.modelUnavailable = modelUnavailable;
        }

        AnalyzerFailure withUsage(Usage other) {
            return new AnalyzerFailure(tag, getMessage(), other, modelUnavailable);
        }
    }
}
