package dev.bigocean.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Which failures are a database outage (500 DatabaseError, logged once) rather than a bug. */
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
    void sqlErrorsAndOtherFailuresAreNot() {
        assertFalse(ErrorMapper.isDatabaseUnavailable(new PgException("syntax error", "ERROR", "42601", null)));
        assertFalse(ErrorMapper.isDatabaseUnavailable(new IllegalStateException("Connection is not active now")));
        assertFalse(ErrorMapper.isDatabaseUnavailable(new NullPointerException()));
    }
}
