package dev.bigocean.privacy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.platform.Rows;
import dev.bigocean.privacy.api.AccountExport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Read-only view of everything stored about one user, for the data export: the one place that reads across the
 * features' tables (each feature still owns its writes). One query per table, run one after the other on the pool.
 */
@ApplicationScoped
class AccountDataRepository {

    /** A session row with the rows that hang off it. */
    record SessionRows(UUID id, String status, int messageCount, String createdAt, String lastActivityAt, String completedAt,
            String clientKey) {
    }

    private final Pool pool;

    AccountDataRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<AccountExport.Account> account(UUID userId) {
        return one("""
                SELECT id, email, name, password_hash IS NOT NULL AS has_password, oidc_issuer, oidc_subject, created_at, updated_at
                FROM app_user WHERE id = $1""", Tuple.of(userId), r -> new AccountExport.Account(r.getUUID("id").toString(),
                r.getString("email"), r.getString("name"), r.getBoolean("has_password"), r.getString("oidc_issuer"),
                r.getString("oidc_subject"), time(r, "created_at"), time(r, "updated_at")));
    }

    /** Sign-in sessions without their token hashes; {@code current} marks the one of this request. */
    Uni<List<AccountExport.SignInSession>> signInSessions(UUID userId, UUID currentSessionId) {
        return all("""
                SELECT id, created_at, expires_at, refreshed_at, ip_address, user_agent
                FROM auth_session WHERE user_id = $1 ORDER BY created_at""", Tuple.of(userId),
                r -> new AccountExport.SignInSession(r.getUUID("id").toString(), time(r, "created_at"), time(r, "expires_at"),
                        time(r, "refreshed_at"), r.getString("ip_address"), r.getString("user_agent"),
                        r.getUUID("id").equals(currentSessionId)));
    }

    Uni<List<SessionRows>> sessions(UUID userId) {
        return all("""
                SELECT id, status, message_count, created_at, last_activity_at, completed_at, client_key
                FROM assessment_session WHERE user_id = $1 ORDER BY created_at""", Tuple.of(userId),
                r -> new SessionRows(r.getUUID("id"), r.getString("status"), r.getInteger("message_count"),
                        time(r, "created_at"), time(r, "last_activity_at"), time(r, "completed_at"),
                        r.getString("client_key")));
    }

    Uni<List<AccountExport.Message>> messages(UUID sessionId) {
        return all("""
                SELECT id, role, content, created_at, model, input_tokens, output_tokens, cost_micros
                FROM assessment_message WHERE session_id = $1 ORDER BY seq""", Tuple.of(sessionId),
                r -> new AccountExport.Message(r.getUUID("id").toString(), r.getString("role"), r.getString("content"),
                        time(r, "created_at"), r.getString("model"), r.getInteger("input_tokens"),
                        r.getInteger("output_tokens"), r.getLong("cost_micros")));
    }

    Uni<List<AccountExport.Evidence>> evidence(UUID sessionId) {
        return all("""
                SELECT id, message_id, facet, score, confidence, quote, highlight_start, highlight_end, created_at
                FROM facet_evidence WHERE session_id = $1 ORDER BY created_at, id""", Tuple.of(sessionId),
                r -> new AccountExport.Evidence(r.getUUID("id").toString(), r.getUUID("message_id").toString(),
                        r.getString("facet"), r.getInteger("score"), r.getInteger("confidence"), r.getString("quote"),
                        new AccountExport.HighlightRange(r.getInteger("highlight_start"), r.getInteger("highlight_end")),
                        time(r, "created_at")));
    }

    /** The session's profile, with {@code shareableUrl} left for the caller to fill in. */
    Uni<AccountExport.Profile> profile(UUID sessionId, Function<UUID, String> shareableUrl) {
        return one("""
                SELECT id, is_public, view_count, created_at, updated_at FROM public_profile WHERE session_id = $1""",
                Tuple.of(sessionId), r -> new AccountExport.Profile(r.getUUID("id").toString(),
                        shareableUrl.apply(r.getUUID("id")), r.getBoolean("is_public"), r.getLong("view_count"),
                        time(r, "created_at"), time(r, "updated_at")));
    }

    Uni<List<AccountExport.AnalysisJob>> analysisJobs(UUID sessionId) {
        return all("""
                SELECT id, message_id, status, attempts, error_tag, evidence_count, model, input_tokens, output_tokens,
                       cost_micros, created_at, completed_at
                FROM analysis_job WHERE session_id = $1 ORDER BY created_at, id""", Tuple.of(sessionId),
                r -> new AccountExport.AnalysisJob(r.getUUID("id").toString(), r.getUUID("message_id").toString(),
                        r.getString("status"), r.getInteger("attempts"), r.getString("error_tag"),
                        r.getInteger("evidence_count"), r.getString("model"), r.getInteger("input_tokens"),
                        r.getInteger("output_tokens"), r.getLong("cost_micros"), time(r, "created_at"),
                        time(r, "completed_at")));
    }

    private <T> Uni<List<T>> all(String sql, Tuple params, Function<Row, T> map) {
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<T> out = new ArrayList<>(rows.size());
            rows.forEach(row -> out.add(map.apply(row)));
            return out;
        });
    }

    private <T> Uni<T> one(String sql, Tuple params, Function<Row, T> map) {
        return pool.preparedQuery(sql).execute(params).map(Rows::first).map(row -> row == null ? null : map.apply(row));
    }

    private static String time(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant().toString();
    }
}
