package dev.bigocean.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * Vert.x 4.5's SQL pool arms a timer for the acquisition timeout of a pool query and does not cancel it when the
 * connection attempt fails first (PostgreSQL down): the timer then fails the already failed request again and Vert.x
 * reports {@code IllegalStateException: Result is already complete} as an uncaught ERROR, one per request of an outage.
 * The request itself was answered (500 DatabaseError) and nothing else happens, so exactly that stray failure is logged at
 * DEBUG; every other uncaught exception still goes to Quarkus' handler.
 */
@ApplicationScoped
class StrayPoolTimeoutFilter {

    private static final Logger LOG = Logger.getLogger(StrayPoolTimeoutFilter.class);

    void install(@Observes StartupEvent event, Vertx vertx) {
        Handler<Throwable> quarkus = vertx.exceptionHandler();
        vertx.exceptionHandler(failure -> {
            if (isStrayPoolTimeout(failure)) {
                LOG.debug("Stray SQL pool timeout after a failed connection attempt (Vert.x 4.5)");
            } else if (quarkus != null) {
                quarkus.handle(failure);
            }
        });
    }

    static boolean isStrayPoolTimeout(Throwable failure) {
        if (!(failure instanceof IllegalStateException) || !"Result is already complete".equals(failure.getMessage())) {
            return false;
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().equals("io.vertx.sqlclient.impl.pool.SqlConnectionPool") && frame.getMethodName().startsWith("lambda$execute")) {
                return true;
            }
        }
        return false;
    }
}
