package dev.bigocean.assessment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.assessment.api.MessageView;
import dev.bigocean.identity.CurrentUser;
import dev.bigocean.limits.DailyStartLimit;
import dev.bigocean.assessment.api.ResultsResponse;
import dev.bigocean.assessment.api.ResumeResponse;
import dev.bigocean.conversation.ConversationContent;
import dev.bigocean.scoring.Archetype;
import dev.bigocean.scoring.ScoreSheet;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.RequestIds;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Sessions: creation, lookup with expiry, resume and results. */
@ApplicationScoped
public class AssessmentService {

    private final AssessmentRepository assessments;
    private final MessageRepository messages;
    private final ScoringService scoring;
    private final AssessmentConfig config;
    private final CurrentUser caller;
    private final DailyStartLimit startLimit;

    AssessmentService(AssessmentRepository assessments, MessageRepository messages, ScoringService scoring,
            AssessmentConfig config, CurrentUser caller, DailyStartLimit startLimit) {
        this.startLimit = startLimit;
        this.assessments = assessments;
        this.messages = messages;
        this.scoring = scoring;
        this.config = config;
        this.caller = caller;
    }

    /**
     * A new active session for {@code userId} (null: anonymous) whose first message is Nerin's opening greeting (a fixed
     * text: no model call, no cost). A user's start first takes the day's slot of the daily start limit (429 when
     * taken); if the insert then fails the slot is given back, so there is never a session without a slot nor a lost
     * slot.
     */
    public Uni<Assessment> start(UUID userId) {
        if (userId == null) {
            return insert(null);
        }
        return startLimit.acquire(userId)
                .flatMap(slot -> insert(userId).onFailure().call(e -> startLimit.release(slot)));
    }

    private Uni<Assessment> insert(UUID userId) {
        return Panache.withTransaction(() -> {
            Assessment assessment = new Assessment();
            assessment.id = UUID.randomUUID();
            assessment.userId = userId;
            assessment.status = Assessment.ACTIVE;
            assessment.createdAt = now();
            assessment.lastActivityAt = assessment.createdAt;
            assessment.messageCount = 1;
            Message opening = new Message();
            opening.id = UUID.randomUUID();
            opening.sessionId = assessment.id;
            opening.seq = 1;
            opening.role = Message.ASSISTANT;
            opening.content = ConversationContent.get().opening();
            opening.createdAt = assessment.createdAt;
            return assessments.persist(assessment).call(() -> messages.persist(opening));
        });
    }

    /**
     * Gives an anonymous session to {@code userId} (sign-up or sign-in with {@code anonymousSessionId}); a session that
     * already has an owner is never taken over. True when the session is now the user's.
     */
    @WithTransaction
    public Uni<Boolean> claim(UUID sessionId, UUID userId) {
        return assessments.update("userId = ?1 where id = ?2 and userId is null", userId, sessionId).map(n -> n > 0);
    }

    /**
     * The session, or 404 {@code SessionNotFound} / 410 {@code SessionExpired}. An active session untouched for
     * {@code expireAfter} is expired (completed sessions keep their results). Within a request, a session owned by
     * someone else than the caller is 404 too (its existence is not leaked); anonymous sessions are reachable by id.
     * Every endpoint that takes a session id goes through here.
     */
    public Uni<Assessment> require(UUID sessionId) {
        boolean inRequest = Arc.container().requestContext().isActive();
        return find(sessionId, inRequest, inRequest ? caller.id().orElse(null) : null);
    }

    /** As {@link #require(UUID)} for {@code caller}; a null caller (background work, no request) sees every session. */
    public Uni<Assessment> require(UUID sessionId, CurrentUser caller) {
        return find(sessionId, caller != null, caller == null ? null : caller.id().orElse(null));
    }

    private Uni<Assessment> find(UUID sessionId, boolean checkOwner, UUID callerId) {
        RequestIds.session(sessionId);
        return Panache.withSession(() -> assessments.findById(sessionId)).map(found -> {
            if (found == null || (checkOwner && found.userId != null && !found.userId.equals(callerId))) {
                throw ApiException.sessionNotFound(sessionId.toString());
            }
            Instant expiresAt = found.lastActivityAt.plus(config.expireAfter());
            if (Assessment.EXPIRED.equals(found.status) || (!found.isCompleted() && now().isAfter(expiresAt))) {
                throw ApiException.sessionExpired(sessionId.toString(), expiresAt);
            }
            return found;
        });
    }

    @WithSession
    public Uni<ResumeResponse> resume(UUID sessionId) {
        return require(sessionId).flatMap(session -> messages.conversation(sessionId)
                .flatMap(list -> scoring.sheet(sessionId).map(sheet -> new ResumeResponse(
                        list.stream().map(AssessmentService::view).toList(), sheet.confidenceMap(), session.status,
                        session.messageCount, session.isCompleted()))));
    }

    @WithSession
    public Uni<ResultsResponse> results(UUID sessionId) {
        return require(sessionId).flatMap(session -> scoring.sheet(sessionId)).map(this::results);
    }

    ResultsResponse results(ScoreSheet sheet) {
        Archetype archetype = scoring.archetype(sheet);
        List<ResultsResponse.Trait> traits = sheet.traits().stream()
                .map(t -> new ResultsResponse.Trait(t.trait().apiName(), t.score(), String.valueOf(t.level().letter()),
                        t.confidence()))
                .toList();
        List<ResultsResponse.Facet> facets = sheet.facets().stream()
                .map(f -> new ResultsResponse.Facet(f.facet().apiName(), f.facet().trait().apiName(), f.score(), f.confidence()))
                .toList();
        return new ResultsResponse(sheet.oceanCode5(), sheet.oceanCode4(), archetype.name(), archetype.description(),
                archetype.color(), archetype.curated(), traits, facets, sheet.overallConfidence());
    }

    static MessageView view(Message m) {
        return new MessageView(m.id.toString(), m.role, m.content, m.createdAt.toString());
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
