package dev.bigocean.profile;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Profiles. Plain reads go through Panache; the three statements that need PostgreSQL features (insert-or-keep,
 * read-and-count, owner-checked update) are single SQL statements on the reactive pool, each atomic on its own.
 */
@ApplicationScoped
class ProfileRepository implements PanacheRepositoryBase<PublicProfile, UUID> {

    /** A profile with its session and the session's owner ({@code null} while the session is anonymous). */
    record Target(UUID id, UUID sessionId, UUID ownerId, boolean isPublic, boolean showQuestionnaire) {
    }

    /** The owner of a profile and, when the caller owned it, the visibility it now has ({@code null} otherwise). */
    record VisibilityChange(UUID ownerId, Boolean isPublic, Boolean showQuestionnaire) {
    }

    private static final String INSERT_IF_ABSENT = """
            INSERT INTO public_profile (id, session_id) VALUES ($1, $2)
            ON CONFLICT (session_id) DO NOTHING""";

    /*
     * One round trip for a view: read the profile with its owner and, when the view is a public one by someone other
     * than the owner, count it. A data-modifying CTE always runs, whether or not the outer query reads it.
     */
    private static final String VIEW = """
            WITH target AS (
                SELECT p.id, p.session_id, p.is_public, p.show_questionnaire, s.user_id
                FROM public_profile p JOIN assessment_session s ON s.id = p.session_id
                WHERE p.id = $1
            ), counted AS (
                UPDATE public_profile SET view_count = view_count + 1
                WHERE id = (SELECT id FROM target
                            WHERE is_public AND ($2::uuid IS NULL OR user_id IS DISTINCT FROM $2::uuid))
                RETURNING id
            )
            SELECT id, session_id, is_public, show_questionnaire, user_id FROM target""";

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

    Uni<PublicProfile> bySession(UUID sessionId) {
        return find("sessionId", sessionId).firstResult();
    }

    /** The profile and its owner, counting the view when it is public and {@code viewer} is not the owner. */
    Uni<Target> view(UUID id, UUID viewer) {
        return pool.preparedQuery(VIEW).execute(Tuple.of(id, viewer)).map(ProfileRepository::first).map(row -> row == null
                ? null
                : new Target(row.getUUID("id"), row.getUUID("session_id"), row.getUUID("user_id"), row.getBoolean("is_public"),
                        row.getBoolean("show_questionnaire")));
    }

    /**
     * Sets the visibility and/or whether the questionnaire is shown (null: unchanged) if {@code caller} owns the profile;
     * {@code null} when the profile does not exist.
     */
    Uni<VisibilityChange> setVisibility(UUID id, UUID caller, Boolean isPublic, Boolean showQuestionnaire) {
        return pool.preparedQuery(SET_VISIBILITY).execute(Tuple.of(id, caller, isPublic, showQuestionnaire))
                .map(ProfileRepository::first)
                .map(row -> row == null ? null : new VisibilityChange(row.getUUID("user_id"), row.getBoolean("is_public"),
                        row.getBoolean("show_questionnaire")));
    }

    private static Row first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }
}
