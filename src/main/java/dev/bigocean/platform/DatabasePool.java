package dev.bigocean.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.ClientProxy;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/**
 * The reactive PostgreSQL pool with bounded waits: a request that cannot get a connection within
 * {@code bigocean.db.acquire-timeout}, or whose statement PostgreSQL has not answered within {@code bigocean.db.timeout}
 * ({@link DeadlinePool}), fails (answered 503 {@code DatabaseError}) instead of waiting without end.
 * <p>
 * Every statement of this service is prepared once per connection and kept (the client's statement cache, on by default
 * for PostgreSQL), so PostgreSQL parses it once and, after a few executions, reuses its plan. The client keeps only
 * statements up to {@code 2048} characters by default; a longer one (a turn's opening statement is about 2,100) is then
 * parsed and planned again on every execution, which costs PostgreSQL more than running it. {@link #STATEMENT_CACHE_SQL_LIMIT}
 * is above the longest statement here.
 */
@Singleton
class DatabasePool implements PgPoolCreator {

    /** The longest statement the client keeps prepared, in characters: every statement of this service fits. */
    private static final int STATEMENT_CACHE_SQL_LIMIT = 16 * 1024;

    private final Duration acquireTimeout;
    private final Duration timeout;

    DatabasePool(PlatformConfig.Db config) {
        this.acquireTimeout = config.acquireTimeout();
        this.timeout = config.timeout();
    }

    @Override
    public Pool create(Input input) {
        input.pgConnectOptionsList().forEach(options -> options.setPreparedStatementCacheSqlLimit(STATEMENT_CACHE_SQL_LIMIT));
        input.poolOptions().setConnectionTimeout((int) acquireTimeout.toMillis()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return new DeadlinePool(PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions()), input.vertx(), timeout);
    }

    /** The same pool without the deadline, for maintenance jobs ({@link MaintenancePool}). */
    @Produces
    @Singleton
    @MaintenancePool
    io.vertx.mutiny.sqlclient.Pool maintenance(io.vertx.mutiny.sqlclient.Pool pool) {
        // The Mutiny pool wraps the core pool's client proxy; behind it is the DeadlinePool that create() returned.
        return io.vertx.mutiny.sqlclient.Pool.newInstance(((DeadlinePool) ClientProxy.unwrap(pool.getDelegate())).unbounded());
    }
}
