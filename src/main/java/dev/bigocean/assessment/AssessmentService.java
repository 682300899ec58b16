package dev.bigocean.assessment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.bigocean.assessment.api.MessageView;
import dev.bigocean.identity.AnonymousSessions;
import dev.bigocean.identity.CurrentUser;
import dev.bigocean.limits.CostBudget;
import dev.bigocean.limits.DailyStartLimit;
import dev.bigocean.limits.UtcDays;
import dev.bigocean.assessment.api.ResultsResponse;
import dev.bigocean.assessment.api.ResumeResponse;
import dev.bigocean.platform.LlmConfig;
import dev.bigocean.scoring.Archetype;
import dev.bigocean.scoring.ScoreSheet;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.Languages;
import dev.bigocean.web.RequestIds;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;

/** Sessions: creation, lookup with expiry, resume and results. */
@ApplicationScoped
public class AssessmentService implements AnonymousSessions {

    private final AssessmentRepository assessments;
    private final ScoringService scoring;
    private final AssessmentConfig config;
    private final CurrentUser caller;
    private final DailyStartLimit startLimit;
    private final CostBudget budget;
    private final LlmConfig llm;
    private final Greetings greetings;
    private final JsonMemo memo;
    /**
     * Each session's last resume key, while {@link JsonMemo} may keep its JSON: a few times as many sessions as the
     * memo holds conversations.
     */
    private final Cache<UUID, ResumeKey> lastResumes = Caffeine.newBuilder().maximumSize(1_000)
            .executor(Runnable::run).build();

    AssessmentService(AssessmentRepository assessments, ScoringService scoring, AssessmentConfig config, CurrentUser caller,
            DailyStartLimit startLimit, CostBudget budget, LlmConfig llm, Greetings greetings, JsonMemo memo) {
        this.memo = memo;
        this.llm = llm;
        this.greetings = greetings;
        this.startLimit = startLimit;
        this.budget = budget;
        this.assessments = assessments;
        this.scoring = scoring;
        this.config = config;
        this.caller = caller;
    }

    /**
     * A new active session for {@code userId} (null: anonymous) whose first message is Nerin's opening greeting (a fixed
     * text in the session's language, see {@link Greetings}: no model call, no cost). A user's start first takes the day's slot of the daily start limit (429 when
     * taken); if the insert then fails the slot is given back, so there is never a session without a slot nor a lost
     * slot.
     */
    Uni<Assessment> start(UUID userId) {
        return start(userId, null, Languages.DEFAULT);
    }

    /**
     * As {@link #start(UUID)}: the conversation in {@code language} (an ISO 639-1 code); an anonymous session records
     * {@code clientKey} ({@link CostBudget#clientKey}), the budget its analyzer calls are charged to besides the
     * session's.
     */
    Uni<Assessment> start(UUID userId, String clientKey, String language) {
        String opening = greetings.of(language);
        if (userId == null) {
            return assessments.insert(null, clientKey, language, opening);
        }
        return startLimit.acquire(userId).flatMap(slot -> assessments.insert(userId, null, language, opening)
                .onFailure().call(e -> startLimit.release(slot)));
    }

    /**
     * Gives an anonymous session to {@code userId} (sign-up or sign-in with {@code anonymousSessionId}); a session that
     * already has an owner is never taken over. True when the session is now the user's. A session started today counts
     * as the user's start of the day: claiming it takes the day's slot of the daily start limit (if not taken already),
     * so that starting anonymously and then signing up never grants a second start that day.
     */
    @Override
    public Uni<Boolean> claim(UUID sessionId, UUID userId) {
        return assessments.claim(sessionId, userId).flatMap(createdAt -> {
            if (createdAt == null) {
                return Uni.createFrom().item(false);
            }
            if (!createdAt.atZone(ZoneOffset.UTC).toLocalDate().equals(UtcDays.today())) {
                return Uni.createFrom().item(true);
            }
            return startLimit.acquire(userId).map(slot -> true)
                    .onFailure(ApiException.class).recoverWithItem(true); // the slot was already taken today
        });
    }

    /**
     * The session, or 404 {@code SessionNotFound} / 410 {@code SessionExpired}. An active session untouched for
     * {@code expireAfter} is expired (completed sessions keep their results). Within a request, a session owned by
     * someone else than the caller is 404 too (its existence is not leaked); anonymous sessions are reachable by id.
     * Every endpoint that takes a session id goes through here.
     */
    public Uni<Assessment> require(UUID sessionId) {
        Access access = access(sessionId);
        return assessments.find(sessionId).map(found -> access.check(sessionId, found));
    }

    /**
     * A write that belongs to a session: {@link #requireAndWrite} runs it in the statement that reads the session, only
     * when the session passes the check {@link #require(UUID)} makes. Made once, with {@link #sessionWrite(String, String)}.
     */
    public static final class SessionWrite {

        private final String sql;

        private SessionWrite(String sql) {
            this.sql = sql;
        }
    }

    /**
     * {@code write}, a data-modifying SQL statement that reads the session row from the CTE {@code allowed} (empty
     * when the check refuses it) and returns one column, with its own parameters from {@code $4} on; for example
     * {@code INSERT INTO t (session_id, v) SELECT id, $4 FROM allowed RETURNING v}. When the write returns no row (it
     * found nothing to change), the value is {@code unwritten}'s: a scalar SQL expression over {@code allowed} (and the
     * same parameters), read from the snapshot the write saw; {@code NULL} when there is no such value.
     */
    public static SessionWrite sessionWrite(String write, String unwritten) {
        return new SessionWrite(AssessmentRepository.guarded(write, unwritten));
    }

    /**
     * As {@link #require(UUID)} (404 {@code SessionNotFound}, 410 {@code SessionExpired}), and for a session it accepts,
     * {@code write} with {@code parameters}; both in one statement, so the write never happens for a session the caller
     * is refused, and one database round trip instead of two. The value the write returned.
     */
    public Uni<Object> requireAndWrite(UUID sessionId, SessionWrite write, Object... parameters) {
        Access access = access(sessionId);
        Instant now = now();
        return assessments.findAndWrite(write.sql, sessionId, access.callerId(), now.minus(access.expireAfter()), parameters)
                .map(found -> {
                    access.check(sessionId, found == null ? null : found.session(), now);
                    return found.value();
                });
    }

    /**
     * Resume as JSON: the conversation, the confidence map and the session's state, as a rule in one database round
     * trip; built and serialised only when {@link JsonMemo} does not have the resume of the same inputs. A session's
     * messages are fixed by its id and message count ({@link AssessmentRepository#conversation}), so while
     * {@link JsonMemo} keeps the session's last resume, the read asks for the messages only if their count changed.
     * When it did not, but the confidences or the state did (an analysis finished since), the messages are read in a
     * second round trip.
     */
    Uni<byte[]> resume(UUID sessionId) {
        Access access = access(sessionId);
        ResumeKey last = lastResumes.getIfPresent(sessionId);
        int knownCount = last != null && memo.kept(last.memoKey()) != null ? last.messageCount() : -1;
        return assessments.conversation(sessionId, knownCount).flatMap(found -> {
            access.check(sessionId, found == null ? null : found.session());
            if (found.messagesRead()) {
                return Uni.createFrom().item(resume(sessionId, found));
            }
            byte[] kept = memo.kept(ResumeKey.of(sessionId, found).memoKey());
            return kept != null ? Uni.createFrom().item(kept) : assessments.conversation(sessionId, -1)
                    .map(again -> {
                        access.check(sessionId, again == null ? null : again.session());
                        return resume(sessionId, again);
                    });
        });
    }

    /**
     * The key of a session's resume in {@link JsonMemo}: everything the resume is built from, the messages standing as
     * the session id and their count.
     */
    private record ResumeKey(int messageCount, JsonMemo.Key memoKey) {

        static ResumeKey of(UUID sessionId, AssessmentRepository.Conversation found) {
            Assessment session = found.session();
            return new ResumeKey(session.messageCount, JsonMemo.Key.of("resume", sessionId, session.messageCount,
                    found.facets().confidences(), session.status, session.isCompleted()));
        }
    }

    /** The resume of a conversation read with its messages, from {@link JsonMemo} or built now. */
    private byte[] resume(UUID sessionId, AssessmentRepository.Conversation found) {
        Assessment session = found.session();
        ResumeKey key = ResumeKey.of(sessionId, found);
        byte[] json = memo.json(key.memoKey(), () -> {
            List<MessageView> messages = new ArrayList<>(found.ids().length);
            for (int i = 0; i < found.ids().length; i++) {
                messages.add(new MessageView(found.ids()[i].toString(), found.roles()[i], found.contents()[i],
                        found.created()[i].toInstant().toString()));
            }
            return new ResumeResponse(messages, found.facets().sheet().confidenceMap(), session.status,
                    session.messageCount, session.isCompleted());
        });
        lastResumes.put(sessionId, key);
        return json;
    }

    /**
     * Results as JSON, from the stored score sheet and what the extensions add, in one database round trip; computed and
     * serialised only when {@link JsonMemo} does not have the results of the same inputs.
     */
    Uni<byte[]> results(UUID sessionId) {
        Access access = access(sessionId);
        return assessments.scored(sessionId).map(found -> {
            access.check(sessionId, found == null ? null : found.session());
            String mode = analysisMode(found);
            JsonMemo.Key key = JsonMemo.Key.of("results", found.facets().rawScores(), found.facets().confidences(), mode,
                    found.extensions().toArray());
            return memo.json(key, () -> results(found, mode));
        });
    }

    /** The results of a session as {@code /results} answers them, without the caller check (the caller did it). */
    public Uni<ResultsResponse> resultsOf(UUID sessionId) {
        return assessments.scored(sessionId).map(found -> {
            if (found == null) {
                throw ApiException.sessionNotFound(sessionId.toString());
            }
            return results(found, analysisMode(found));
        });
    }

    /**
     * The session a message belongs to, as {@link #require(UUID)} sees it: 404 {@code SessionNotFound} when the message
     * is unknown or its session is not the caller's.
     */
    public Uni<Assessment> requireMessage(UUID messageId) {
        Access access = access(null);
        return assessments.byMessage(messageId).map(found -> access.check(found == null ? messageId : found.id, found));
    }

    /**
     * Erases a session and everything derived from it (messages, evidence, analysis jobs, score sheet, its profile:
     * foreign keys {@code ON DELETE CASCADE}) in one statement, and its cost budget in Redis. Allowed to whoever holds an
     * anonymous session's id and to the owner of an owned one (expired sessions included); anyone else gets 404
     * {@code SessionNotFound}, as for an unknown id.
     */
    Uni<Void> erase(UUID sessionId) {
        UUID callerId = caller.id().orElse(null);
        return assessments.erase(sessionId, callerId)
                .invoke(deleted -> {
                    if (!deleted) {
                        throw ApiException.sessionNotFound(sessionId.toString());
                    }
                })
                .flatMap(deleted -> budget.forget(CostBudget.key(null, sessionId)));
    }

    /**
     * The results of a found session in {@code analysisMode} ({@link #analysisMode}), with what each
     * {@link ResultsExtension} adds from the value it selected.
     */
    private ResultsResponse results(AssessmentRepository.Scored found, String analysisMode) {
        ResultsResponse results = results(found.facets().sheet(), analysisMode);
        List<ResultsExtension> extensions = assessments.extensions();
        for (int i = 0; i < extensions.size(); i++) {
            results = extensions.get(i).extend(found.extensions().get(i), results);
        }
        return results;
    }

    /** {@code offline} when the session's analyses ran offline, or none has yet and the analyzer runs offline now. */
    private String analysisMode(AssessmentRepository.Scored found) {
        boolean offline = found.offlineAnalysis() == null ? llm.analyzerOffline() : found.offlineAnalysis();
        return offline ? "offline" : "online";
    }

    /**
     * Who may see which session, fixed when a request asks (the request context may be gone when the answer comes).
     * Outside a request nobody is signed in: only anonymous sessions are visible (the rule fails closed).
     */
    private Access access(UUID sessionId) {
        RequestIds.session(sessionId); // the session id in every log line of this request
        boolean inRequest = Arc.container().requestContext().isActive();
        return new Access(inRequest ? caller.id().orElse(null) : null, config.expireAfter());
    }

    private record Access(UUID callerId, Duration expireAfter) {

        Assessment check(UUID sessionId, Assessment found) {
            return check(sessionId, found, now());
        }

        /** The check at {@code now}; the guard of {@link AssessmentRepository#guarded} is the same condition in SQL. */
        Assessment check(UUID sessionId, Assessment found, Instant now) {
            if (found == null || (found.userId != null && !found.userId.equals(callerId))) {
                throw ApiException.sessionNotFound(sessionId.toString());
            }
            Instant expiresAt = found.lastActivityAt.plus(expireAfter);
            if (Assessment.EXPIRED.equals(found.status) || (!found.isCompleted() && now.isAfter(expiresAt))) {
                throw ApiException.sessionExpired(sessionId.toString(), expiresAt);
            }
            return found;
        }
    }

    ResultsResponse results(ScoreSheet sheet, String analysisMode) {
        Archetype archetype = scoring.archetype(sheet);
        List<ResultsResponse.Trait> traits = sheet.traits().stream()
                .map(t -> new ResultsResponse.Trait(t.trait().apiName(), t.score(), String.valueOf(t.level().letter()),
                        t.confidence()))
                .toList();
        List<ResultsResponse.Facet> facets = sheet.facets().stream()
                .map(f -> new ResultsResponse.Facet(f.facet().apiName(), f.facet().trait().apiName(), f.score(), f.confidence()))
                .toList();
        return new ResultsResponse(sheet.oceanCode5(), sheet.oceanCode4(), archetype.name(), archetype.description(),
                archetype.color(), archetype.curated(), traits, facets, sheet.overallConfidence(), analysisMode);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
