package dev.bigocean.profile;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.assessment.ScoringService;
import dev.bigocean.platform.Rows;
import dev.bigocean.questionnaire.QuestionnaireService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The owner of {@code public_profile}, in plain SQL on the reactive pool: every method is one statement (atomic on its
 * own), so a request holds one pooled connection for one round trip.
 */
@ApplicationScoped
class ProfileRepository {

    /**
     * A profile with its session, the session's owner ({@code null} while the session is anonymous), whether its owner
     * shows the questionnaire on it (and if so, its answers as selected), and the session's facet aggregates.
     */
    record Target(UUID id, UUID sessionId, UUID ownerId, boolean isPublic, boolean showQuestionnaire,
            ScoringService.Facets facets, Object answers) {
    }

    /** The owner of a profile and, when the caller owned it, the visibility it now has ({@code null} otherwise). */
    record VisibilityChange(UUID ownerId, Boolean isPublic, Boolean showQuestionnaire) {
    }

    private static final String INSERT_IF_ABSENT = """
            INSERT INTO public_profile (id, session_id) VALUES ($1, $2)
            ON CONFLICT (session_id) DO NOTHING""";

    /*
     * One round trip for a view: the profile, its owner, the session's score sheet and, when the owner shows it, the
     * session's questionnaire answers (views are counted by ProfileViews).
     */
    private static final String VIEW = """
            SELECT p.id AS profile_id, p.session_id, p.is_public, p.show_questionnaire, s.user_id,
                   CASE WHEN p.show_questionnaire THEN """ + QuestionnaireService.ANSWERS_OF_SESSION + """
             END AS answers, """ + ScoringService.SHEET_COLUMNS + """

            FROM public_profile p JOIN assessment_session s ON s.id = p.session_id
            """ + ScoringService.SHEET_JOIN + """

            WHERE p.id = $1""";

    /*
     * Reads the owner and changes the visibility only if the caller is that owner, in one statement; a null $3 or $4
     * keeps that setting as it is.
     */
    private static final String SET_VISIBILITY = """
            WITH target AS (
                SELECT p.id, s.user_id
                FROM public_profile p JOIN assessment_session s ON s.id = p.session_id
                WHERE p.id = $1
            ), changed AS (
                UPDATE public_profile SET is_public = COALESCE($3::boolean, is_public),
                    show_questionnaire = COALESCE($4::boolean, show_questionnaire), updated_at = now()
                WHERE id = (SELECT id FROM target WHERE user_id = $2::uuid)
                RETURNING is_public, show_questionnaire
            )
            SELECT t.user_id, c.is_public, c.show_questionnaire FROM target t LEFT JOIN changed c ON true""";

    private final Pool pool;

    ProfileRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Creates the profile of a session unless it already has one. Concurrent calls are safe: the unique constraint
     * on {@code session_id} decides, the losers do nothing (no error), and everyone then reads the winner's row.
     */
    Uni<Void> insertIfAbsent(UUID sessionId) {
        return pool.preparedQuery(INSERT_IF_ABSENT).execute(Tuple.of(UUID.randomUUID(), sessionId)).replaceWithVoid();
    }

    /** The session's profile, or null. */
    Uni<PublicProfile> bySession(UUID sessionId) {
        return pool.preparedQuery("SELECT id, session_id, is_public, view_count, created_at, updated_at FROM public_profile WHERE session_id = $1")
                .execute(Tuple.of(sessionId)).map(Rows::first).map(row -> {
                    if (row == null) {
                        return null;
                    }
                    PublicProfile p = new PublicProfile();
                    p.id = row.getUUID("id");
                    p.sessionId = row.getUUID("session_id");
                    p.isPublic = row.getBoolean("is_public");
                    p.viewCount = row.getLong("view_count");
                    p.createdAt = row.getOffsetDateTime("created_at").toInstant();
                    p.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
                    return p;
                });
    }

    /** The profile with its owner and score sheet, or null. */
    Uni<Target> view(UUID id) {
        return pool.preparedQuery(VIEW).execute(Tuple.of(id)).map(Rows::first).map(row -> row == null
                ? null
                : new Target(row.getUUID("profile_id"), row.getUUID("session_id"), row.getUUID("user_id"),
                        row.getBoolean("is_public"), row.getBoolean("show_questionnaire"), ScoringService.facets(row),
                        row.getValue("answers")));
    }

    /** Adds counted views to their profiles in one statement. */
    Uni<Void> addViews(UUID[] ids, Long[] counts) {
        return pool.preparedQuery("""
                UPDATE public_profile p SET view_count = p.view_count + v.n
                FROM unnest($1::uuid[], $2::bigint[]) AS v(id, n) WHERE p.id = v.id""")
                .execute(Tuple.of(ids, counts)).replaceWithVoid();
    }

    /**
     * Sets the visibility and/or whether the questionnaire is shown (null: unchanged) if {@code caller} owns the profile;
     * {@code null} when the profile does not exist.
     */
    Uni<VisibilityChange> setVisibility(UUID id, UUID caller, Boolean isPublic, Boolean showQuestionnaire) {
        return pool.preparedQuery(SET_VISIBILITY).execute(Tuple.of(id, caller, isPublic, showQuestionnaire))
                .map(Rows::first)
                .map(row -> row == null ? null : new VisibilityChange(row.getUUID("user_id"), row.getBoolean("is_public"),
                        row.getBoolean("show_questionnaire")));
    }
}
