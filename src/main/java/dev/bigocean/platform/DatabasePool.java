package dev.bigocean.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;


import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/**
 * The reactive PostgreSQL pool with a bounded wait for a connection: a request that cannot get one within
 * {@code bigocean.db.acquire-timeout} fails (answered 503 {@code DatabaseError}) instead of waiting without end.
 */
@Singleton
class DatabasePool implements PgPoolCreator {

    private final Duration acquireTimeout;

    DatabasePool(PlatformConfig.Db config) {
        this.acquireTimeout = config.acquireTimeout();
    }

    @Override
    public Pool create(Input input) {
        input.poolOptions().setConnectionTimeout((int) acquireTimeout.toMillis()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
