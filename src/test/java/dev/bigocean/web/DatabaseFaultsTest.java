package dev.bigocean.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import dev.bigocean.platform.DatabaseTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Which failures are a database outage (logged once) rather than a bug, and what each database failure answers. */
class DatabaseFaultsTest {

    @Test
    void theWaysAnOutageReachesARequestAreOutages() {
        assertTrue(ErrorMapper.isDatabaseUnavailable(new RuntimeException(new ConnectException("Connection refused"))));
        assertTrue(ErrorMapper.isDatabaseUnavailable(ClosedConnectionException.INSTANCE));
        assertTrue(ErrorMapper.isDatabaseUnavailable(new PgException("terminating connection", "FATAL", "57P01", null)));
        // Seen in DatabaseOutageIT: a read handed a pooled connection just as PostgreSQL stopped.
        assertTrue(ErrorMapper.isDatabaseUnavailable(new IllegalStateException(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"))));
    }

    @Test
    void aDatabaseThatRefusesWorkForItsOwnStateIsAnOutage() {
        // Read-only (a standby after a failover), out of connections, out of disk, cancelled by an operator or a
        // statement_timeout, an I/O error: every write fails the same way until an operator acts.
        for (String state : new String[] { "25006", "53300", "53100", "53200", "57014", "57P01", "58030" }) {
            PgException refused = new PgException("refused", "ERROR", state, null);
            assertTrue(ErrorMapper.isDatabaseUnavailable(new IllegalStateException(refused)), state);
            assertAnswer(500, refused);
        }
    }

    @Test
    void sqlErrorsAndOtherFailuresAreNot() {
        assertFalse(ErrorMapper.isDatabaseUnavailable(new PgException("syntax error", "ERROR", "42601", null)));
        assertFalse(ErrorMapper.isDatabaseUnavailable(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(ErrorMapper.isDatabaseUnavailable(new PgException("deadlock detected", "ERROR", "40P01", null)));
        assertFalse(ErrorMapper.isDatabaseUnavailable(new PgException("other transaction", "ERROR", "25001", null)));
        assertFalse(ErrorMapper.isDatabaseUnavailable(new IllegalStateException("Connection is not active now")));
        assertFalse(ErrorMapper.isDatabaseUnavailable(new NullPointerException()));
    }

    @Test
    void eachDatabaseFailureGetsItsAnswer() {
        // No pooled connection in time: a statement sent to the pool, or a connection asked for (Hibernate Reactive).
        assertAnswer(503, new VertxException("Timeout waiting for connection"));
        assertAnswer(503, new CompletionException(new NoStackTraceThrowable("Timeout")));
        // PostgreSQL did not answer within bigocean.db.timeout.
        assertAnswer(503, new CompletionException(new DatabaseTimeoutException(Duration.ofSeconds(10))));
        assertTrue(ErrorMapper.isDatabaseUnavailable(new DatabaseTimeoutException(Duration.ofSeconds(10))));
        assertAnswer(500, ClosedConnectionException.INSTANCE);
        assertAnswer(500, new PgException("syntax error", "ERROR", "42601", null));
        assertNull(ErrorMapper.databaseError(new NullPointerException()));
        assertNull(ErrorMapper.databaseError(new NoStackTraceThrowable("Connection refused")));
    }

    private static void assertAnswer(int status, Throwable failure) {
        ApiException answer = ErrorMapper.databaseError(failure);
        assertEquals("DatabaseError", answer.tag(), failure.toString());
        assertEquals(status, answer.status(), failure.toString());
        // A 503 is worth retrying in a moment, and says so; a 500 does not promise it.
        assertEquals(status == 503 ? "2" : null, answer.headers().get("Retry-After"), failure.toString());
    }
}
