package dev.bigocean.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request that Vert.x Web refuses while it sets up its routing gets the same JSON error as any other bad input. An
 * HTTP/1.1 request without a {@code Host} header, or with a malformed one ({@code Host: a b}, a port beyond 65535),
 * fails with 400 before any route of this service runs; Quarkus' error handler then logged it as an ERROR with an
 * error id and answered {@code {"details": "Error id …"}}, so any client could write ERROR lines into the log. This
 * failure handler, first in the router, answers such a failure {@code 400 ValidationError} naming {@code Host}, with
 * an {@code X-Request-Id}, and logs nothing. Every other failure goes on to Quarkus' handler as before.
 */
@ApplicationScoped
class UnroutableRequests {

    private final ObjectMapper mapper;

    UnroutableRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    private void answer(RoutingContext rc) {
        if (rc.statusCode() != 400 || rc.response().headWritten() || rc.get(RequestIds.MDC_KEY) != null) {
            rc.next(); // not refused before routing: the request id route runs first of all for every routed request
            return;
        }
        String id = RequestIds.accept(rc.request().getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            rc.response().putHeader(RequestIds.HEADER, id);
            ErrorMapper.end(rc, mapper, ApiException.validation("Host", "The request needs a valid Host header"));
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
