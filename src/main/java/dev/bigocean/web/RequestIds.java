package dev.bigocean.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is 1–128 characters of {@code [A-Za-z0-9._-]},
 * otherwise a new UUID. The id is echoed in the {@code X-Request-Id} response header (errors and streams included),
 * kept in the logging MDC as {@code requestId} for every log line of the request (Quarkus keeps the MDC in the
 * request's duplicated Vert.x context, so it follows the reactive chain across threads), and put into error bodies and
 * model calls.
 */
@ApplicationScoped
public class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    /** MDC key of the assessment session a request is about, where known. */
    static final String SESSION_MDC_KEY = "sessionId";

    private static final Pattern WELL_FORMED = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");

    void install(@Observes Router router) {
        // Before CORS and every other handler, so that even a rejected request carries its id.
        router.route().order(Integer.MIN_VALUE + 1).handler(rc -> {
            String id = accept(rc.request().getHeader(HEADER));
            rc.put(MDC_KEY, id);
            rc.response().putHeader(HEADER, id);
            MDC.put(MDC_KEY, id);
            rc.addEndHandler(ignored -> {
                MDC.remove(MDC_KEY);
                MDC.remove(SESSION_MDC_KEY);
            });
            rc.next();
        });
    }

    /** The caller's id when well-formed, else a new one. */
    static String accept(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    /** The id of the request being handled, or null outside a request. */
    static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** Records the session a request is about, so its log lines carry it. */
    public static void session(UUID sessionId) {
        if (sessionId != null && current() != null) {
            MDC.put(SESSION_MDC_KEY, sessionId.toString());
        }
    }
}
