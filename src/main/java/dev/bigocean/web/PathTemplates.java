package dev.bigocean.web;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import io.quarkus.resteasy.reactive.server.runtime.observability.ObservabilityIntegrationRecorder;
import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP metrics' path template of a request that REST never matched is named when its response is written, not
 * worked out in advance for every request.
 * <p>
 * With metrics present, Quarkus REST's filter that hands authentication failures to the REST exception mappers (order
 * -199, right after HTTP security's authentication) also matches every request against a request mapper it builds
 * anew from all resource classes ({@code ObservabilityIntegrationRecorder.setTemplatePath}), so that a request refused
 * before matching is still counted under its template (a 415 or 429 from a pre-matching filter: a session id in the
 * label would make a time series per session). That is about 4% of a results read's CPU time, spent again by REST's
 * own matching on every request that gets that far, which then names the template itself. The filter does both only
 * while the request holds HTTP security's default failure handler.
 * <p>
 * This route runs at the same order, before it (routes of one order run in the order they were added, and the
 * router's observers add theirs before Quarkus adds its filters). It puts in the default handler's place
 * {@link #FAIL_TO_REST}, which does what Quarkus REST's replacement does, and names the template when the response
 * head is written if nothing has named it by then. {@link #restTakesOver} removes the handler once REST has the request,
 * as Quarkus REST removes its own: from then on an authentication failure reaches the exception mappers as the failure
 * of the request's own pipeline. A request whose failure handler is anything else is left to Quarkus REST as it was.
 */
@ApplicationScoped
class PathTemplates {

    /** The order of Quarkus REST's authentication failure filter (its priority 199, negated). */
    static final int ORDER = -199;

    /** The request's path template, where Quarkus REST's observability puts it and the HTTP metrics read it. */
    private static final String TEMPLATE = "UrlPathTemplate";

    /** Fails the request with the root cause of an authentication failure, for the REST exception mappers. */
    static final BiConsumer<RoutingContext, Throwable> FAIL_TO_REST = (rc, failure) -> {
        DefaultAuthFailureHandler.markIfOtherAuthenticationFailure(rc, failure);
        if (!rc.failed()) {
            rc.fail(DefaultAuthFailureHandler.extractRootCause(failure));
        }
    };

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(rc -> {
            if (rc.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER) instanceof DefaultAuthFailureHandler) {
                rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, FAIL_TO_REST);
                rc.addHeadersEndHandler(v -> nameUnmatched(rc));
            }
            rc.next();
        });
    }

    @ServerRequestFilter(preMatching = true, priority = Integer.MIN_VALUE)
    void restTakesOver(RoutingContext rc) {
        if (rc.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER) == FAIL_TO_REST) {
            rc.remove(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        }
    }

    /** Names the template of a request nothing named: one refused before REST matched it, or matching nothing. */
    private static void nameUnmatched(RoutingContext rc) {
        if (rc.request() instanceof HttpServerRequestInternal request && request.context().getLocal(TEMPLATE) == null) {
            ObservabilityIntegrationRecorder.setTemplatePath(rc, ResteasyReactiveRecorder.getCurrentDeployment());
        }
    }
}
