package dev.bigocean.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bigocean.platform.DatabaseTimeoutException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** The one place where errors become {@code {"_tag", "message", …}} bodies. No stack trace or SQL reaches a body. */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    static Response toResponse(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body(e));
        e.headers().forEach(builder::header);
        return builder.build();
    }

    /** The JSON body of an error, also used for the SSE {@code error} event. */
    public static Map<String, Object> body(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_tag", e.tag());
        body.putAll(e.fields());
        body.put("message", e.getMessage());
        body.put("requestId", RequestIds.current());
        return body;
    }

    /**
     * Answers a request refused before any resource runs (in a router handler) with the JSON body of {@code e}, as
     * {@link #toResponse} does for the rest.
     */
    static void end(RoutingContext rc, ObjectMapper mapper, ApiException e) {
        String body;
        try {
            body = mapper.writeValueAsString(body(e));
        } catch (JsonProcessingException failure) {
            body = "{\"_tag\":\"" + e.tag() + "\"}";
        }
        HttpServerResponse response = rc.response().setStatusCode(e.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        e.headers().forEach(response::putHeader);
        response.end(body);
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return toResponse(validationOf(e));
    }

    ApiException validationOf(JsonProcessingException e) {
        if (e instanceof JsonParseException parse && parse.getProcessor() != null && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Duplicate field")) {
            // Strict duplicate detection (JsonBody): which of the two values was meant cannot be known.
            String field = fieldOf(parse.getProcessor().getParsingContext());
            return ApiException.validation(field, field + " is given more than once");
        }
        String field = "body";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                segment(path, ref.getFieldName(), ref.getIndex());
            }
            if (!path.isEmpty()) {
                field = path.toString();
            }
        }
        String message = "body".equals(field) ? "The request body is not valid JSON" : field + " has the wrong type";
        return ApiException.validation(field, message);
    }

    /** The path of the value a parser was at ({@code answers.7}, {@code items[1].a}), {@code body} at the top. */
    private static String fieldOf(JsonStreamContext at) {
        Deque<JsonStreamContext> contexts = new ArrayDeque<>();
        for (JsonStreamContext c = at; c != null && !c.inRoot(); c = c.getParent()) {
            contexts.addFirst(c);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c : contexts) {
            segment(path, c.inObject() ? c.getCurrentName() : null, c.inArray() ? c.getCurrentIndex() : -1);
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** Appends a field name ({@code .name}) or, without one, an array index ({@code [i]}) to a field path. */
    private static void segment(StringBuilder path, String name, int index) {
        if (name != null) {
            path.append(path.isEmpty() ? "" : ".").append(name);
        } else if (index >= 0) {
            path.append('[').append(index).append(']');
        }
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e instanceof NotFoundException) {
            return toResponse(ApiException.notFound("/" + uri.getPath().replaceFirst("^/", "")));
        }
        if (e instanceof NotAllowedException) {
            return toResponse(ApiException.methodNotAllowed());
        }
        if (e instanceof NotSupportedException) {
            return toResponse(ApiException.unsupportedMediaType());
        }
        if (e instanceof NotAcceptableException) {
            return toResponse(ApiException.notAcceptable());
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 400 && status < 500) {
            Throwable cause = e.getCause();
            if (cause instanceof JsonProcessingException json) {
                return json(json);
            }
            return toResponse(ApiException.validation("body", "The request could not be read"));
        }
        LOG.error("Unexpected web exception", e);
        return toResponse(ApiException.internal());
    }

    private static final java.util.concurrent.atomic.AtomicLong lastPoolWarning = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 20_000_000_000L);

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        ApiException database = databaseError(e);
        if (database != null) {
            return toResponse(database);
        }
        if (isStreamedBodyTooLarge(e)) {
            // Quarkus REST has already answered 413 and ended the response; there is nothing to log.
            long maxBytes = ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue();
            return toResponse(ApiException.payloadTooLarge(maxBytes));
        }
        LOG.error("Unexpected error", e);
        return toResponse(ApiException.internal());
    }

    /**
     * Quarkus REST read a body of unknown length (HTTP/2 only: BodyLimit reads the others) past its in-memory buffer,
     * then streamed it until it passed {@code quarkus.http.limits.max-body-size}.
     */
    private static boolean isStreamedBodyTooLarge(Throwable e) {
        return e instanceof java.io.IOException && "Request too large".equals(e.getMessage());
    }

    /**
     * What a client gets for a failure that came from the database, logged as its kind needs (a busy pool once per
     * 10 s, an outage once, a failed statement, which is a bug, with its stack trace), or null when the failure is not
     * the database's. The resources (through {@link #unexpected}) and the turns use it alike.
     */
    public static ApiException databaseError(Throwable e) {
        if (isPoolExhausted(e)) {
            poolBusy("answering 503 DatabaseError");
            return ApiException.databaseBusy();
        }
        if (isDatabaseTimeout(e)) {
            databaseOutage(summary(e) + ": answering 503 DatabaseError until it answers again");
            return ApiException.databaseNotAnswering();
        }
        if (isDatabaseUnavailable(e)) {
            databaseOutage(refusesWork(e)
                    ? "Database refuses work (" + summary(e) + "): answering 500 DatabaseError until it accepts it again"
                    : "Database unreachable (" + summary(e) + "): answering 500 DatabaseError until it is back");
            return ApiException.database();
        }
        if (isDatabaseFailure(e)) {
            LOG.error("Database operation failed", e);
            return ApiException.database();
        }
        return null;
    }

    /** An outage ends after this long without a failed database connection; the next one is logged again. */
    private static final long OUTAGE_QUIET_NANOS = 30_000_000_000L;
    private static final java.util.concurrent.atomic.AtomicLong lastDatabaseOutage = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 2 * OUTAGE_QUIET_NANOS);

    /**
     * A request failed because PostgreSQL is unreachable or not answering ({@link #isDatabaseUnavailable}): logged at
     * WARN once per outage, without a stack trace, whichever request or turn meets it first; the rest at DEBUG.
     */
    private static void databaseOutage(String what) {
        long now = System.nanoTime();
        long last = lastDatabaseOutage.getAndSet(now);
        if (now - last > OUTAGE_QUIET_NANOS) {
            LOG.warnf("%s (logged once per outage)", what);
        } else {
            LOG.debugf("Database still unavailable: %s", what);
        }
    }

    /**
     * PostgreSQL cannot be reached, cut the connection (stopped, restarting, network), did not answer within
     * {@code bigocean.db.timeout} or refuses work for a reason of its own ({@link #refusesWork}): an expected fault,
     * answered 500 DatabaseError (503 for the timeout) and logged once per outage without a stack trace. Other SQL errors
     * are not outages (they are bugs).
     */
    public static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof DatabaseTimeoutException) {
                return true;
            }
            // The connection was reset under a running statement (the reactive client reports netty's socket error
            // itself). Resources reach only PostgreSQL this way: Redis calls are guarded and model calls map their own.
            if (t instanceof java.io.IOException
                    && t.getMessage() != null && t.getMessage().contains("Connection reset")) {
                return true;
            }
            // A statement handed to a pooled connection that PostgreSQL closed a moment before (the SQL client's message).
            if (t.getClass().getName().startsWith("io.vertx.") && t.getMessage() != null
                    && t.getMessage().startsWith("Connection is not active now")) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
        }
        return refusesWork(e);
    }

    /**
     * Whether PostgreSQL refused a statement for the state the database is in, not for the statement: read-only
     * ({@code 25006}: a standby after a failover, or {@code default_transaction_read_only}), out of resources (class
     * {@code 53}: disk, memory, connections), a statement cancelled by an operator or a {@code statement_timeout}
     * (class {@code 57}; its {@code 57P} codes, a shutdown or a start, are the connection's loss) or failing outside
     * PostgreSQL (class {@code 58}: an I/O error). Every request that writes fails the same way until an operator acts,
     * so it is an outage, not a bug of this service.
     */
    private static boolean refusesWork(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().equals("25006") || pg.getSqlState().startsWith("53")
                            || pg.getSqlState().startsWith("57") && !pg.getSqlState().startsWith("57P")
                            || pg.getSqlState().startsWith("58"))) {
                return true;
            }
        }
        return false;
    }

    private static String summary(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** PostgreSQL did not answer a statement or transaction within {@code bigocean.db.timeout} (frozen, or gone silently). */
    public static boolean isDatabaseTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Logs that the pool had no free connection in time, and {@code consequence}: at WARN once per 10 s for the whole
     * service (a pool too small for its load is one condition, however many requests and workers meet it), at DEBUG
     * during a database outage, which has its own line.
     */
    public static void poolBusy(String consequence) {
        long now = System.nanoTime();
        long last = lastPoolWarning.get();
        if (now - lastDatabaseOutage.get() < OUTAGE_QUIET_NANOS) {
            LOG.debugf("No pooled database connection became free in time during a database outage: %s", consequence);
        } else if (now - last > 10_000_000_000L && lastPoolWarning.compareAndSet(last, now)) {
            LOG.warnf("No pooled database connection became free in time: %s (logged once per 10 s)", consequence);
        } else {
            LOG.debugf("No pooled database connection became free in time: %s", consequence);
        }
    }

    /**
     * The pool had no free connection within its acquisition timeout (the Vert.x SQL client's messages: a statement
     * sent to the pool, or a connection asked for, as Hibernate Reactive does).
     */
    public static boolean isPoolExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.core.VertxException && "Timeout waiting for connection".equals(t.getMessage())) {
                return true;
            }
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && "Timeout".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("io.vertx.pgclient") || name.startsWith("io.vertx.sqlclient") || name.startsWith("org.hibernate")
                    || name.startsWith("jakarta.persistence") || name.startsWith("java.sql")) {
                return true;
            }
        }
        return false;
    }
}
