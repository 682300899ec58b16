package dev.bigocean.platform;

import java.time.Duration;

import io.vertx.core.VertxException;

/**
 * PostgreSQL did not answer a statement or a transaction within {@code bigocean.db.timeout} ({@link DeadlinePool}). An
 * expected fault, like an outage: no stack trace.
 */
public final class DatabaseTimeoutException extends VertxException {

    public DatabaseTimeoutException(Duration timeout) {
        super("PostgreSQL did not answer within " + timeout.toMillis() + " ms", true);
    }
}
