package dev.bigocean.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.assessment.Assessment;
import dev.bigocean.assessment.AssessmentService;
import dev.bigocean.assessment.JsonMemo;
import dev.bigocean.assessment.ScoringService;
import dev.bigocean.identity.CurrentUser;
import dev.bigocean.profile.api.ProfileView;
import dev.bigocean.questionnaire.QuestionnaireService;
import dev.bigocean.profile.api.ShareResponse;
import dev.bigocean.profile.api.VisibilityResponse;
import dev.bigocean.scoring.Archetype;
import dev.bigocean.scoring.ScoreSheet;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.WebConfig;
import io.smallrye.mutiny.Uni;

/** Sharing a session as a public profile, viewing it (scores computed from the stored evidence) and its visibility. */
@ApplicationScoped
class ProfileService {

    /** What the user can do when the confidence is too low: an active session can go on, a completed one cannot. */
    static final String ACTIVE_ADVICE = "Keep talking with Nerin to raise it.";
    static final String COMPLETED_ADVICE = "This assessment is complete and takes no more answers: start a new "
            + "assessment and answer a few more of Nerin's questions in depth to reach a profile you can share.";

    private record SessionSheet(ScoreSheet sheet, boolean completed) {
    }

    private final AssessmentService assessments;
    private final ScoringService scoring;
    private final ProfileRepository profiles;
    private final ProfileViews views;
    private final CurrentUser currentUser;
    private final ProfileConfig config;
    private final String frontendUrl;
    private final QuestionnaireService questionnaire;
    private final JsonMemo memo;

    ProfileService(AssessmentService assessments, ScoringService scoring, ProfileRepository profiles, ProfileViews views,
            CurrentUser currentUser, ProfileConfig config, WebConfig.Frontend frontend,
            QuestionnaireService questionnaire, JsonMemo memo) {
        this.memo = memo;
        this.questionnaire = questionnaire;
        this.assessments = assessments;
        this.scoring = scoring;
        this.profiles = profiles;
        this.views = views;
        this.currentUser = currentUser;
        this.config = config;
        this.frontendUrl = frontend.url().replaceAll("/+$", "");
    }

    /**
     * The session's profile, created (public) on the first call once {@code overallConfidence} reaches the threshold.
     * A session that already has a profile gets it back as it is, whatever its confidence is now.
     */
    Uni<ShareResponse> share(UUID sessionId) {
        UUID caller = currentUser.id().orElse(null);
        return assessments.require(sessionId).flatMap(session -> {
            if (session.userId != null && !session.userId.equals(caller)) {
                // Someone else's session: answer as if it did not exist (ownership is not leaked).
                throw ApiException.sessionNotFound(sessionId.toString());
            }
            boolean completed = Assessment.COMPLETED.equals(session.status);
            return scoring.sheet(sessionId).map(sheet -> new SessionSheet(sheet, completed));
        }).flatMap(scored -> {
            int confidence = scored.sheet().overallConfidence();
            if (confidence >= config.minShareConfidence()) {
                return profiles.insertIfAbsent(sessionId).flatMap(inserted -> profiles.bySession(sessionId));
            }
            return profiles.bySession(sessionId).map(existing -> {
                if (existing == null) {
                    throw ApiException.confidenceTooLow(confidence, config.minShareConfidence(),
                            scored.completed() ? COMPLETED_ADVICE : ACTIVE_ADVICE);
                }
                return existing;
            });
        }).map(profile -> {
            if (profile == null) {
                // The session was deleted between the insert and the read.
                throw ApiException.sessionNotFound(sessionId.toString());
            }
            return new ShareResponse(profile.id.toString(), shareableUrl(profile.id), profile.isPublic);
        });
    }

    /**
     * The public view as JSON, in one database round trip: built and serialised only when {@link JsonMemo} does not have
     * the view of the same scores, visibility and answers. A private profile answers 403 to everyone but its owner. A
     * public view by anyone but the owner is counted (see {@link ProfileViews}).
     */
    Uni<byte[]> view(UUID id) {
        return target(id, true).map(Viewed::target).map(target -> memo.json(JsonMemo.Key.of("profile",
                target.facets().rawScores(), target.facets().confidences(), target.isPublic(), target.answers()), () -> {
                    ScoreSheet sheet = target.facets().sheet();
                    ProfileView view = view(sheet, target.isPublic());
                    return questionnaire.compare(target.answers(), sheet)
                            .map(c -> view.withQuestionnaire(c.questionnaire(), c.agreement())).orElse(view);
                }));
    }

    /**
     * What the server-rendered page and its preview image show: the scores, the archetype and who is looking. The sheet
     * and the archetype are derived from the facet aggregates when first asked for: a page or image that is kept (by the
     * aggregates and the rest of the card) needs neither. One request uses a card, one thread at a time.
     */
    static final class Card {

        private final UUID id;
        private final ScoringService.Facets facets;
        private final boolean isPublic;
        private final boolean owner;
        private final ScoringService scoring;
        private ScoreSheet sheet;
        private Archetype archetype;

        private Card(UUID id, Viewed viewed, ScoringService scoring) {
            this.id = id;
            this.facets = viewed.target().facets();
            this.isPublic = viewed.target().isPublic();
            this.owner = viewed.owner();
            this.scoring = scoring;
        }

        UUID id() {
            return id;
        }

        ScoringService.Facets facets() {
            return facets;
        }

        boolean isPublic() {
            return isPublic;
        }

        /** Whether the caller owns the profile. */
        boolean owner() {
            return owner;
        }

        ScoreSheet sheet() {
            if (sheet == null) {
                sheet = facets.sheet();
            }
            return sheet;
        }

        Archetype archetype() {
            if (archetype == null) {
                archetype = scoring.archetype(sheet());
            }
            return archetype;
        }
    }

    /**
     * The profile with its scores, in one database round trip: 404 unknown, 403 private unless the caller owns it.
     * {@code countView}: a view by anyone but the owner is counted (the API view and the page are; the preview image,
     * fetched by link unfurlers, is not).
     */
    Uni<Card> card(UUID id, boolean countView) {
        return target(id, countView).map(viewed -> new Card(id, viewed, scoring));
    }

    /** A profile as the caller may see it, and whether the caller owns it. */
    private record Viewed(ProfileRepository.Target target, boolean owner) {
    }

    /** The profile, checked and counted as {@link #card} says. */
    private Uni<Viewed> target(UUID id, boolean countView) {
        UUID viewer = currentUser.id().orElse(null);
        return profiles.view(id).map(target -> {
            if (target == null) {
                throw ApiException.profileNotFound(id.toString());
            }
            boolean owner = viewer != null && viewer.equals(target.ownerId());
            if (!target.isPublic() && !owner) {
                throw ApiException.profilePrivate(id.toString());
            }
            if (countView && !owner) {
                views.count(id);
            }
            return new Viewed(target, owner);
        });
    }

    /**
     * Changes the visibility and/or whether the questionnaire is shown (null: unchanged); only the owner (the session's
     * user) may, anyone else gets 401 as the reference says.
     */
    Uni<VisibilityResponse> setVisibility(UUID id, UUID caller, Boolean isPublic, Boolean showQuestionnaire) {
        return profiles.setVisibility(id, caller, isPublic, showQuestionnaire).map(change -> {
            if (change == null) {
                throw ApiException.profileNotFound(id.toString());
            }
            if (change.isPublic() == null) {
                throw ApiException.unauthorized("Only the owner of this profile can change its visibility");
            }
            return new VisibilityResponse(change.isPublic(), change.showQuestionnaire());
        });
    }

    String shareableUrl(UUID id) {
        return frontendUrl + "/profile/" + id;
    }

    ProfileView view(ScoreSheet sheet, boolean isPublic) {
        Archetype archetype = scoring.archetype(sheet);
        Map<String, String> traits = new LinkedHashMap<>();
        sheet.traits().forEach(t -> traits.put(t.trait().apiName(), t.level().word()));
        Map<String, ProfileView.FacetView> facets = new LinkedHashMap<>();
        sheet.facets().forEach(f -> facets.put(f.facet().apiName(), new ProfileView.FacetView(f.score(), f.confidence())));
        return new ProfileView(archetype.name(), sheet.oceanCode5(), archetype.description(), archetype.color(), traits, facets,
                isPublic);
    }
}
