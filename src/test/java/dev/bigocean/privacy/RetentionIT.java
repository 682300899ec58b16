package dev.bigocean.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.Sql;
import io.quarkus.test.junit.QuarkusTest;

/** The retention purge, run with periods of hours against rows dated in the past. */
@QuarkusTest
class RetentionIT {

    static final Retention.Periods PERIODS = new Retention.Periods(Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(2), Duration.ofHours(2));

    @Inject
    Retention retention;

    @Test
    void whatOutlivedItsPeriodIsPurgedAndNothingElse() {
        Accounts.Account user = Accounts.signUp();
        UUID userId = UUID.fromString(user.userId());
        UUID expiredLongAgo = signInSession(userId, "2 hours");
        UUID expiredRecently = signInSession(userId, "30 minutes");

        UUID abandoned = session(null, "active", "3 hours");
        UUID abandonedExpired = session(null, "expired", "3 hours");
        UUID completedAnonymous = session(null, "completed", "3 hours");
        UUID ownedIdle = session(userId, "active", "3 hours");
        UUID recentAnonymous = session(null, "active", "1 hour");
        UUID abandonedMessage = message(abandoned, 1, null, "3 hours");
        Sql.update("""
                INSERT INTO facet_evidence (id, session_id, message_id, facet, score, confidence, quote, highlight_start, highlight_end)
                VALUES (?, ?, ?, 'imagination', 12, 80, 'quote', 0, 5)""", UUID.randomUUID(), abandoned, abandonedMessage);
        UUID abandonedJob = job(abandoned, abandonedMessage, "pending", null);
        UUID abandonedProfile = UUID.randomUUID();
        Sql.update("INSERT INTO public_profile (id, session_id) VALUES (?, ?)", abandonedProfile, abandoned);

        UUID oldKey = message(ownedIdle, 1, "old-key", "3 hours");
        UUID newKey = message(ownedIdle, 2, "new-key", "1 hour");
        UUID doneLongAgo = job(ownedIdle, oldKey, "done", "3 hours");
        UUID failedLongAgo = job(ownedIdle, newKey, "failed", "3 hours");
        UUID doneRecently = job(ownedIdle, message(ownedIdle, 3, null, "1 hour"), "done", "1 hour");
        UUID pendingOld = job(ownedIdle, message(ownedIdle, 4, null, "3 hours"), "pending", null);
        Sql.update("UPDATE analysis_job SET created_at = now() - interval '3 hours' WHERE id = ?", pendingOld);

        Retention.Purged purged = retention.purge(PERIODS, 1000).await().indefinitely();
        assertTrue(purged.ran());
        assertTrue(purged.signInSessions() >= 1 && purged.analysisJobs() >= 2 && purged.idempotencyKeys() >= 1
                && purged.anonymousSessions() >= 2, purged.toString());

        assertFalse(exists("auth_session", expiredLongAgo), "a sign-in session expired past its period is purged");
        assertTrue(exists("auth_session", expiredRecently));
        assertEquals(1L, Sql.single("SELECT count(*) FROM auth_session WHERE user_id = ? AND expires_at > now()", userId),
                "the live sign-in session stays");

        assertFalse(exists("assessment_session", abandoned), "an abandoned anonymous session is purged");
        assertFalse(exists("assessment_session", abandonedExpired), "also once marked expired");
        assertFalse(exists("assessment_message", abandonedMessage), "with its messages");
        assertEquals(0L, Sql.single("SELECT count(*) FROM facet_evidence WHERE session_id = ?", abandoned), "its evidence");
        assertFalse(exists("analysis_job", abandonedJob), "its analysis jobs");
        assertFalse(exists("public_profile", abandonedProfile), "and its profile");
        assertTrue(exists("assessment_session", completedAnonymous), "completed assessments are kept");
        assertTrue(exists("assessment_session", ownedIdle), "owned sessions are kept");
        assertTrue(exists("assessment_session", recentAnonymous), "a recently used anonymous session is kept");

        assertFalse(exists("analysis_job", doneLongAgo), "a done job past its period is purged");
        assertFalse(exists("analysis_job", failedLongAgo), "a failed job past its period is purged");
        assertTrue(exists("analysis_job", doneRecently));
        assertTrue(exists("analysis_job", pendingOld), "unfinished jobs are never purged");

        assertNull(Sql.single("SELECT idempotency_key FROM assessment_message WHERE id = ?", oldKey));
        assertEquals("new-key", Sql.single("SELECT idempotency_key FROM assessment_message WHERE id = ?", newKey));
        assertTrue(exists("assessment_message", oldKey), "the message itself is kept");
    }

    @Test
    void aBacklogIsPurgedInBatchesUntilNothingIsLeft() {
        List<UUID> abandoned = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID session = session(null, "active", "3 hours");
            message(session, 1, null, "3 hours");
            abandoned.add(session);
        }
        UUID kept = session(null, "active", "1 hour");

        Retention.Purged purged = retention.purge(PERIODS, 2).await().indefinitely();

        assertTrue(purged.ran());
        assertTrue(purged.anonymousSessions() >= 5, "more than one batch of 2: " + purged);
        for (UUID session : abandoned) {
            assertFalse(exists("assessment_session", session), "every batch is purged, not only the first");
        }
        assertTrue(exists("assessment_session", kept));
    }

    @Test
    void onlyOneInstancePurgesAtATime() throws Exception {
        UUID abandoned = session(null, "active", "3 hours");
        try (Connection other = InfrastructureResource.postgres().getPostgresDatabase().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, Retention.LOCK);
                lock.execute();
            }
            Retention.Purged skipped = retention.purge(PERIODS, 1000).await().indefinitely();
            assertFalse(skipped.ran(), "another instance holds the lock: this one skips the run");
            assertTrue(exists("assessment_session", abandoned));
            other.commit();
        }
        Retention.Purged purged = retention.purge(PERIODS, 1000).await().indefinitely();
        assertTrue(purged.ran());
        assertFalse(exists("assessment_session", abandoned));
    }

    private static UUID signInSession(UUID userId, String expiredAgo) {
        UUID id = UUID.randomUUID();
        Sql.update("INSERT INTO auth_session (id, user_id, token_hash, expires_at) VALUES (?, ?, ?, now() - ?::interval)",
                id, userId, UUID.randomUUID().toString(), expiredAgo);
        return id;
    }

    private static UUID session(UUID userId, String status, String idleFor) {
        UUID id = UUID.randomUUID();
        Sql.update("""
                INSERT INTO assessment_session (id, user_id, status, message_count, created_at, last_activity_at, completed_at)
                VALUES (?, ?, ?, 0, now() - ?::interval, now() - ?::interval, CASE WHEN ? = 'completed' THEN now() END)""",
                id, userId, status, idleFor, idleFor, status);
        return id;
    }

    private static UUID message(UUID sessionId, int seq, String idempotencyKey, String age) {
        UUID id = UUID.randomUUID();
        Sql.update("""
                INSERT INTO assessment_message (id, session_id, seq, role, content, idempotency_key, created_at)
                VALUES (?, ?, ?, 'user', 'I like walks.', ?, now() - ?::interval)""", id, sessionId, seq, idempotencyKey, age);
        return id;
    }

    private static UUID job(UUID sessionId, UUID messageId, String status, String finishedAgo) {
        UUID id = UUID.randomUUID();
        Sql.update("""
                INSERT INTO analysis_job (id, message_id, session_id, status, completed_at)
                VALUES (?, ?, ?, ?, now() - ?::interval)""", id, messageId, sessionId, status,
                finishedAgo == null ? "0 seconds" : finishedAgo);
        if (finishedAgo == null) {
            Sql.update("UPDATE analysis_job SET completed_at = NULL WHERE id = ?", id);
        }
        return id;
    }

    private static boolean exists(String table, UUID id) {
        Object n = Sql.single("SELECT count(*) FROM " + table + " WHERE id = ?", id);
        assertNotNull(n);
        return ((Number) n).longValue() > 0;
    }
}
