package dev.bigocean.platform;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.spi.DatabaseMetadata;

/**
 * The reactive pool with a deadline: every statement, and every {@code withTransaction} / {@code withConnection} as a
 * whole, fails with {@link DatabaseTimeoutException} when PostgreSQL has not answered within {@code bigocean.db.timeout}.
 * The reactive client has no statement timeout of its own, so a server that stops answering (frozen, or gone without
 * closing the connection) held each request that had a connection until it answered again.
 * <p>
 * The deadline fails the caller's future only; the statement itself is not cancelled. Its connection stays busy until
 * PostgreSQL answers or the socket fails, then returns to the pool as before, so nothing is released twice and a
 * transaction that timed out still ends with its rollback. Hibernate Reactive gets the same connections through
 * {@link #getConnection()}, so its statements, commits and rollbacks are bounded too.
 */
final class DeadlinePool implements PgPool {

    private final PgPool pool;
    private final Vertx vertx;
    private final Duration timeout;

    DeadlinePool(PgPool pool, Vertx vertx, Duration timeout) {
        this.pool = pool;
        this.vertx = vertx;
        this.timeout = timeout;
    }

    /** The same connections without the deadline, for maintenance work whose statements may run long. */
    Pool unbounded() {
        return pool;
    }

    /** {@code work}'s outcome, or {@link DatabaseTimeoutException} once the deadline passes first. */
    <T> Future<T> bound(Future<T> work) {
        if (work.isComplete()) {
            return work;
        }
        Context current = Vertx.currentContext();
        ContextInternal context = (ContextInternal) (current != null ? current : vertx.getOrCreateContext());
        Promise<T> result = context.promise();
        long timer = context.setTimer(timeout.toMillis(), id -> result.tryFail(new DatabaseTimeoutException(timeout)));
        work.onComplete(outcome -> {
            vertx.cancelTimer(timer);
            if (outcome.succeeded()) {
                result.tryComplete(outcome.result());
            } else {
                result.tryFail(outcome.cause());
            }
        });
        return result.future();
    }

    @Override
    public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
        getConnection().onComplete(handler);
    }

    @Override
    public Future<SqlConnection> getConnection() {
        // The wait for a free connection has its own bound, the pool's acquisition timeout.
        return pool.getConnection().map(BoundedConnection::new);
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return new BoundedQuery<>(pool.query(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return new BoundedPreparedQuery<>(pool.preparedQuery(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return new BoundedPreparedQuery<>(pool.preparedQuery(sql, options));
    }

    @Override
    public <T> Future<T> withTransaction(Function<SqlConnection, Future<T>> function) {
        // Pool's default: a connection of getConnection() above, BEGIN, the function, COMMIT or ROLLBACK, release.
        return bound(PgPool.super.withTransaction(function));
    }

    @Override
    public <T> Future<T> withConnection(Function<SqlConnection, Future<T>> function) {
        return bound(PgPool.super.withConnection(function));
    }

    @Override
    public void close(Handler<AsyncResult<Void>> handler) {
        pool.close(handler);
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }

    @Override
    public PgPool connectHandler(Handler<SqlConnection> handler) {
        pool.connectHandler(handler);
        return this;
    }

    @Override
    public PgPool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
        pool.connectionProvider(provider);
        return this;
    }

    @Override
    public int size() {
        return pool.size();
    }

    private class BoundedQuery<T> implements Query<T> {

        private final Query<T> query;

        BoundedQuery(Query<T> query) {
            this.query = query;
        }

        @Override
        public void execute(Handler<AsyncResult<T>> handler) {
            execute().onComplete(handler);
        }

        @Override
        public Future<T> execute() {
            return bound(query.execute());
        }

        @Override
        public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new BoundedQuery<>(query.collecting(collector));
        }

        @Override
        public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new BoundedQuery<>(query.mapping(mapper));
        }
    }

    private final class BoundedPreparedQuery<T> extends BoundedQuery<T> implements PreparedQuery<T> {

        private final PreparedQuery<T> query;

        BoundedPreparedQuery(PreparedQuery<T> query) {
            super(query);
            this.query = query;
        }

        @Override
        public void execute(Tuple arguments, Handler<AsyncResult<T>> handler) {
            execute(arguments).onComplete(handler);
        }

        @Override
        public Future<T> execute(Tuple arguments) {
            return bound(query.execute(arguments));
        }

        @Override
        public void executeBatch(List<Tuple> batch, Handler<AsyncResult<T>> handler) {
            executeBatch(batch).onComplete(handler);
        }

        @Override
        public Future<T> executeBatch(List<Tuple> batch) {
            return bound(query.executeBatch(batch));
        }

        @Override
        public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new BoundedPreparedQuery<>(query.collecting(collector));
        }

        @Override
        public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new BoundedPreparedQuery<>(query.mapping(mapper));
        }
    }

    private final class BoundedConnection implements SqlConnection {

        private final SqlConnection connection;

        BoundedConnection(SqlConnection connection) {
            this.connection = connection;
        }

        @Override
        public Query<RowSet<Row>> query(String sql) {
            return new BoundedQuery<>(connection.query(sql));
        }

        @Override
        public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
            return new BoundedPreparedQuery<>(connection.preparedQuery(sql));
        }

        @Override
        public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
            return new BoundedPreparedQuery<>(connection.preparedQuery(sql, options));
        }

        @Override
        public SqlConnection prepare(String sql, Handler<AsyncResult<PreparedStatement>> handler) {
            prepare(sql).onComplete(handler);
            return this;
        }

        @Override
        public Future<PreparedStatement> prepare(String sql) {
            return bound(connection.prepare(sql));
        }

        @Override
        public SqlConnection prepare(String sql, PrepareOptions options, Handler<AsyncResult<PreparedStatement>> handler) {
            prepare(sql, options).onComplete(handler);
            return this;
        }

        @Override
        public Future<PreparedStatement> prepare(String sql, PrepareOptions options) {
            return bound(connection.prepare(sql, options));
        }

        @Override
        public SqlConnection exceptionHandler(Handler<Throwable> handler) {
            connection.exceptionHandler(handler);
            return this;
        }

        @Override
        public SqlConnection closeHandler(Handler<Void> handler) {
            connection.closeHandler(handler);
            return this;
        }

        @Override
        public void begin(Handler<AsyncResult<Transaction>> handler) {
            begin().onComplete(handler);
        }

        @Override
        public Future<Transaction> begin() {
            return bound(connection.begin()).map(BoundedTransaction::new);
        }

        @Override
        public Transaction transaction() {
            Transaction transaction = connection.transaction();
            return transaction == null ? null : new BoundedTransaction(transaction);
        }

        @Override
        public boolean isSSL() {
            return connection.isSSL();
        }

        @Override
        public void close(Handler<AsyncResult<Void>> handler) {
            connection.close(handler);
        }

        @Override
        public Future<Void> close() {
            // Hands a pooled connection back (no round trip); one still running a statement is handed on after it.
            return connection.close();
        }

        @Override
        public DatabaseMetadata databaseMetadata() {
            return connection.databaseMetadata();
        }
    }

    private final class BoundedTransaction implements Transaction {

        private final Transaction transaction;

        BoundedTransaction(Transaction transaction) {
            this.transaction = transaction;
        }

        @Override
        public Future<Void> commit() {
            return bound(transaction.commit());
        }

        @Override
        public void commit(Handler<AsyncResult<Void>> handler) {
            commit().onComplete(handler);
        }

        @Override
        public Future<Void> rollback() {
            return bound(transaction.rollback());
        }

        @Override
        public void rollback(Handler<AsyncResult<Void>> handler) {
            rollback().onComplete(handler);
        }

        @Override
        public void completion(Handler<AsyncResult<Void>> handler) {
            transaction.completion(handler);
        }

        @Override
        public Future<Void> completion() {
            return transaction.completion();
        }
    }
}
