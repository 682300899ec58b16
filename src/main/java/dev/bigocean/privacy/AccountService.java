package dev.bigocean.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.assessment.AssessmentService;
import dev.bigocean.identity.IdentityService;
import dev.bigocean.questionnaire.QuestionnaireService;
import dev.bigocean.limits.CostBudget;
import dev.bigocean.limits.DailyStartLimit;
import dev.bigocean.privacy.api.AccountExport;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.WebConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The caller's data rights: a full export, and erasure of the account with everything of it. */
@ApplicationScoped
class AccountService {

    private final IdentityService identity;
    private final AccountDataRepository data;
    private final AssessmentService assessments;
    private final CostBudget budget;
    private final DailyStartLimit startLimit;
    private final String frontendUrl;

    private final QuestionnaireService questionnaire;

    AccountService(IdentityService identity, AccountDataRepository data, AssessmentService assessments, CostBudget budget,
            DailyStartLimit startLimit, QuestionnaireService questionnaire,
            WebConfig.Frontend frontend) {
        this.questionnaire = questionnaire;
        this.identity = identity;
        this.data = data;
        this.assessments = assessments;
        this.budget = budget;
        this.startLimit = startLimit;
        this.frontendUrl = frontend.url().replaceAll("/+$", "");
    }

    /** Everything held about the signed-in caller (401 {@code Unauthorized} when not signed in). */
    Uni<AccountExport> export() {
        UUID userId = identity.requireUser();
        UUID current = identity.currentSignInSession().orElse(null);
        return data.account(userId).flatMap(account -> {
            if (account == null) {
                throw ApiException.unauthorized("Sign in to use this endpoint");
            }
            return data.signInSessions(userId, current).flatMap(signIns -> data.sessions(userId)
                    .flatMap(sessions -> Multi.createFrom().iterable(sessions)
                            .onItem().transformToUniAndConcatenate(this::assessment)
                            .collect().asList())
                    .map(list -> new AccountExport(Instant.now().toString(), account, signIns, list)));
        });
    }

    private Uni<AccountExport.Assessment> assessment(AccountDataRepository.SessionRows s) {
        return data.messages(s.id()).flatMap(messages -> data.evidence(s.id()).flatMap(evidence -> assessments.resultsOf(s.id())
                .flatMap(results -> data.profile(s.id(), id -> frontendUrl + "/profile/" + id)
                        .flatMap(profile -> data.analysisJobs(s.id()).flatMap(jobs -> questionnaire.answers(s.id())
                                .map(answers -> new AccountExport.Assessment(s.id().toString(), s.status(),
                                        s.messageCount(), s.createdAt(), s.lastActivityAt(), s.completedAt(), s.clientKey(),
                                        messages, evidence, results, profile, jobs, answers)))))));
    }

    /**
     * Erases the caller's account once they confirmed it (password, or a sign-in within 10 minutes): the account row and
     * with it, in the same statement, every sign-in session, assessment session, message, evidence row, analysis job
     * and profile; then the Redis counters of the user and of their sessions (budgets, start limit).
     */
    Uni<Void> erase(String password) {
        return identity.reauthenticated(password).flatMap(userId -> data.sessions(userId).flatMap(sessions -> identity
                .erase(userId)
                .flatMap(existed -> forget(userId, sessions.stream().map(AccountDataRepository.SessionRows::id).toList()))));
    }

    private Uni<Void> forget(UUID userId, List<UUID> sessions) {
        Uni<Void> all = budget.forget(CostBudget.key(userId, null)).flatMap(v -> startLimit.forget(userId));
        for (UUID session : sessions) {
            all = all.flatMap(v -> budget.forget(CostBudget.key(null, session)));
        }
        return all;
    }
}
