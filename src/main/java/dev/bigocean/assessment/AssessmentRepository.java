package dev.bigocean.assessment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import dev.bigocean.platform.Lazy;
import dev.bigocean.platform.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sessions and their messages as the assessment endpoints read and create them, in plain SQL on the reactive pool:
 * each method is one statement, so a request holds one pooled connection for one round trip and never two at once.
 */
@ApplicationScoped
class AssessmentRepository {

    private static final String SESSION_COLUMNS = "s.id, s.user_id, s.client_key, s.language, s.status, s.message_count, s.created_at, "
            + "s.last_activity_at, s.completed_at";

    /** A new session and its opening message in one statement (atomic without an explicit transaction). */
    private static final String INSERT = """
            WITH s AS (
                INSERT INTO assessment_session (id, user_id, client_key, language, status, message_count, created_at, last_activity_at)
                VALUES ($1, $2, $5, $6, 'active', 1, now(), now())
                RETURNING id, user_id, client_key, language, status, message_count, created_at, last_activity_at, completed_at
            ), m AS (
                INSERT INTO assessment_message (id, session_id, seq, role, content, created_at)
                SELECT $3, id, 1, 'assistant', $4, created_at FROM s
            )
            SELECT * FROM s""";

    private static final String FIND = "SELECT " + SESSION_COLUMNS + " FROM assessment_session s WHERE s.id = $1";

    /* The session, its sheet and whether its evidence came from the offline analyzer (null: nothing analysed yet). */
    private static final String SCORED_COLUMNS = SESSION_COLUMNS + ", " + ScoringService.SHEET_COLUMNS + ", "
            + ScoringService.OFFLINE_ANALYSIS + " AS offline_analysis";
    private static final String SCORED_FROM = "\nFROM assessment_session s\n" + ScoringService.SHEET_JOIN + "\nWHERE s.id = $1";

    /**
     * The session, its sheet and its messages in order as parallel arrays: one row. The messages are sorted once, in a
     * subquery the aggregates read in order, rather than once per aggregate. They are read only when the session's
     * {@code message_count} is not {@code $2}, the count of the messages the caller already has (-1: none), and the
     * arrays are null otherwise. A session's messages are exactly its sequence numbers 1 to {@code message_count}:
     * every message is inserted by the statement or transaction that raises the count to its number, and none is ever
     * changed or deleted on its own (only with its session), so an unchanged count means unchanged messages.
     */
    private static final String CONVERSATION = "SELECT " + SESSION_COLUMNS + ", " + ScoringService.SHEET_COLUMNS + """
            , m.ids AS m_ids, m.roles AS m_roles, m.contents AS m_contents, m.created AS m_created
            FROM assessment_session s
            """ + ScoringService.SHEET_JOIN + """

            LEFT JOIN LATERAL (
                SELECT array_agg(id) AS ids, array_agg(role) AS roles, array_agg(content) AS contents,
                       array_agg(created_at) AS created
                FROM (SELECT id, role, content, created_at FROM assessment_message
                      WHERE session_id = s.id AND s.message_count <> $2 ORDER BY seq) o) m ON true
            WHERE s.id = $1""";

    /**
     * A session with its facet aggregates, whether the offline analyzer produced its evidence (null: none analysed)
     * and the value each {@link ResultsExtension} selected, in their order.
     */
    record Scored(Assessment session, ScoringService.Facets facets, Boolean offlineAnalysis, List<Object> extensions) {
    }

    /** A session and the value a guarded write returned (null when the guard refused the write). */
    record Written(Assessment session, Object value) {
    }

    /**
     * A session with its facet aggregates and its messages in order, as parallel arrays (id, role, content, creation
     * time), empty when it has none; all four null when the messages were not read, the caller having them already.
     */
    record Conversation(Assessment session, ScoringService.Facets facets, UUID[] ids, String[] roles, String[] contents,
            OffsetDateTime[] created) {

        boolean messagesRead() {
            return ids != null;
        }
    }

    private final Pool pool;
    private final List<ResultsExtension> extensions;
    /* The results statement: built on first use, when the extension beans exist. */
    private final Lazy<String> results = Lazy.of(this::resultsQuery);

    AssessmentRepository(Pool pool, @Any Instance<ResultsExtension> extensions) {
        this.pool = pool;
        this.extensions = extensions.stream().toList();
    }

    List<ResultsExtension> extensions() {
        return extensions;
    }

    Uni<Assessment> insert(UUID userId, String clientKey, String language, String opening) {
        return pool.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), userId, UUID.randomUUID(), opening, clientKey, language))
                .map(rows -> session(rows.iterator().next()));
    }

    /**
     * Gives an anonymous session to {@code userId}; its creation time when it is now theirs, null otherwise (an owned
     * session is never taken over).
     */
    Uni<Instant> claim(UUID sessionId, UUID userId) {
        return pool.preparedQuery("UPDATE assessment_session SET user_id = $2 WHERE id = $1 AND user_id IS NULL RETURNING created_at")
                .execute(Tuple.of(sessionId, userId)).map(rows -> {
                    Row row = Rows.first(rows);
                    return row == null ? null : instant(row.getOffsetDateTime("created_at"));
                });
    }

    /** Deletes the session if it is anonymous or {@code callerId}'s (everything derived cascades); true when deleted. */
    Uni<Boolean> erase(UUID sessionId, UUID callerId) {
        return pool.preparedQuery("DELETE FROM assessment_session WHERE id = $1 AND (user_id IS NULL OR user_id = $2)")
                .execute(Tuple.of(sessionId, callerId)).map(rows -> rows.rowCount() > 0);
    }

    /** The session a message belongs to, or null. */
    Uni<Assessment> byMessage(UUID messageId) {
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS
                + " FROM assessment_message m JOIN assessment_session s ON s.id = m.session_id WHERE m.id = $1")
                .execute(Tuple.of(messageId)).map(rows -> {
                    Row row = Rows.first(rows);
                    return row == null ? null : session(row);
                });
    }

    /** The session, or null. */
    Uni<Assessment> find(UUID id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> {
            Row row = Rows.first(rows);
            return row == null ? null : session(row);
        });
    }

    /**
     * The statement {@link #findAndWrite} runs: the session, as {@link #find(UUID)} reads it, and a write that runs only
     * when the session is usable by the caller ({@code $2}): anonymous or theirs, not expired, and completed or active
     * since {@code $3} (the check {@code AssessmentService} makes on the session it reads). {@code write} is a
     * data-modifying statement that reads the session from the CTE {@code allowed} (empty when refused) and returns one
     * column; its own parameters are {@code $4} on. {@code unwritten}, a scalar expression over {@code allowed}, is the
     * value when the write returned no row.
     */
    static String guarded(String write, String unwritten) {
        return "WITH s AS (SELECT " + SESSION_COLUMNS + " FROM assessment_session s WHERE s.id = $1),\n"
                + "allowed AS (SELECT * FROM s WHERE (s.user_id IS NULL OR s.user_id = $2) AND s.status <> '" + Assessment.EXPIRED
                + "' AND (s.status = '" + Assessment.COMPLETED + "' OR s.last_activity_at >= $3)),\n"
                + "w AS (" + write + ")\n"
                + "SELECT s.*, COALESCE((SELECT * FROM w), " + unwritten + ") AS written FROM s";
    }

    /** Runs a {@link #guarded} statement; null when there is no such session. */
    Uni<Written> findAndWrite(String guarded, UUID id, UUID callerId, Instant activeSince, Object... parameters) {
        Object[] values = new Object[3 + parameters.length];
        values[0] = id;
        values[1] = callerId;
        values[2] = activeSince.atOffset(ZoneOffset.UTC);
        System.arraycopy(parameters, 0, values, 3, parameters.length);
        return pool.preparedQuery(guarded).execute(Tuple.wrap(values)).map(rows -> {
            Row row = Rows.first(rows);
            return row == null ? null : new Written(session(row), row.getValue("written"));
        });
    }

    /** The session with its sheet and what every {@link ResultsExtension} selects, or null; one statement. */
    Uni<Scored> scored(UUID id) {
        return pool.preparedQuery(results.get()).execute(Tuple.of(id)).map(rows -> {
            Row row = Rows.first(rows);
            if (row == null) {
                return null;
            }
            List<Object> values = new ArrayList<>(extensions.size());
            for (int i = 0; i < extensions.size(); i++) {
                values.add(row.getValue("ext_" + i));
            }
            return new Scored(session(row), ScoringService.facets(row), row.getBoolean("offline_analysis"), values);
        });
    }

    /** The session and its sheet ({@link #SCORED_COLUMNS}) with one column {@code ext_<i>} per extension. */
    private String resultsQuery() {
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < extensions.size(); i++) {
            columns.append(", ").append(extensions.get(i).column()).append(" AS ext_").append(i);
        }
        return "SELECT " + SCORED_COLUMNS + columns + SCORED_FROM;
    }

    /**
     * The session with its sheet and conversation, or null; the messages only when the session has other than
     * {@code knownCount} of them (-1 to read them whatever the count).
     */
    Uni<Conversation> conversation(UUID id, int knownCount) {
        return pool.preparedQuery(CONVERSATION).execute(Tuple.of(id, knownCount)).map(rows -> {
            Row row = Rows.first(rows);
            if (row == null) {
                return null;
            }
            Assessment session = session(row);
            if (session.messageCount == knownCount) {
                return new Conversation(session, ScoringService.facets(row), null, null, null, null);
            }
            UUID[] ids = row.getArrayOfUUIDs("m_ids");
            if (ids == null) {
                return new Conversation(session, ScoringService.facets(row), new UUID[0], new String[0],
                        new String[0], new OffsetDateTime[0]);
            }
            return new Conversation(session, ScoringService.facets(row), ids, row.getArrayOfStrings("m_roles"),
                    row.getArrayOfStrings("m_contents"), row.getArrayOfOffsetDateTimes("m_created"));
        });
    }

    private static Assessment session(Row row) {
        Assessment a = new Assessment();
        a.id = row.getUUID("id");
        a.userId = row.getUUID("user_id");
        a.clientKey = row.getString("client_key");
        a.language = row.getString("language");
        a.status = row.getString("status");
        a.messageCount = row.getInteger("message_count");
        a.createdAt = instant(row.getOffsetDateTime("created_at"));
        a.lastActivityAt = instant(row.getOffsetDateTime("last_activity_at"));
        a.completedAt = instant(row.getOffsetDateTime("completed_at"));
        return a;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
