package dev.bigocean.web;

import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.resteasy.reactive.common.util.PathHelper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.Deployment;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Every request's path template for the HTTP metrics is named as it enters, with a matcher built once, instead of
 * Quarkus REST building one per request.
 * <p>
 * With metrics present, Quarkus REST's filter that hands authentication failures to the REST exception mappers (order
 * -199, right after HTTP security's authentication) also matches every request against a request mapper it builds
 * anew from all resource classes ({@code ObservabilityIntegrationRecorder.setTemplatePath}), so that a request refused
 * before matching is still counted under its template (a 415 or 429 from a pre-matching filter: a session id in the
 * label would make a time series per session). Building that mapper was about 4% of a results read's CPU time, spent
 * again by REST's own matching on every request that gets that far. The filter does both only while the request
 * holds HTTP security's default failure handler.
 * <p>
 * This route runs at the same order, before it (routes of one order run in the order they were added, and the
 * router's observers add theirs before Quarkus adds its filters). It puts in the default handler's place
 * {@link #FAIL_TO_REST}, which does what Quarkus REST's replacement does, and names the template with the same
 * matching on a mapper built once per deployment. It names it at once, not when the response is written: a request
 * whose client goes away while its body is read or a pre-matching filter waits (Redis, PostgreSQL) gets no response,
 * and the metrics then count it under its raw path, a time series per session id (and past Quarkus' 100 paths, no
 * series at all for paths seen later). {@link #restTakesOver} removes the handler once REST has the request, as
 * Quarkus REST removes its own: from then on an authentication failure reaches the exception mappers as the failure
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

    /** The class-level matcher of the deployment it was built for (a new one after a live reload in dev mode). */
    private record Matcher(Deployment deployment, RequestMapper<RestInitialHandler.InitialMatch> classes) {
    }

    private static volatile Matcher matcher;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(rc -> {
            if (rc.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER) instanceof DefaultAuthFailureHandler) {
                rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, FAIL_TO_REST);
                name(rc);
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

    /**
     * Names the request's template as Quarkus REST's {@code setTemplatePath} does: the first resource class whose path
     * matches, then the method mapper of the request's HTTP method (HEAD and OPTIONS fall back to GET's, then to the
     * mapper of every method). A request that matches no resource keeps its path unnamed, as with Quarkus REST.
     */
    static void name(RoutingContext rc) {
        Deployment deployment = ResteasyReactiveRecorder.getCurrentDeployment();
        if (deployment == null || !(rc.request() instanceof HttpServerRequestInternal request)) {
            return;
        }
        Matcher current = matcher;
        if (current == null || current.deployment() != deployment) {
            current = new Matcher(deployment, new RequestMapper<>(deployment.getClassMappers()));
            matcher = current;
        }
        String path = PathHelper.getPathWithoutPrefix(rc.normalizedPath(), deployment.getPrefix());
        RequestMapper<RestInitialHandler.InitialMatch> classes = current.classes();
        for (RequestMapper.RequestMatch<RestInitialHandler.InitialMatch> match = classes.map(path); match != null;
                match = classes.continueMatching(path, match)) {
            String template = template(request.method().name(), match);
            if (template != null) {
                request.context().putLocal(TEMPLATE, template.endsWith("/")
                        ? template.substring(0, template.length() - 1) : template);
                return;
            }
        }
    }

    /** The whole template of {@code method} on the resource class {@code match} matched; null when it has none. */
    private static String template(String method, RequestMapper.RequestMatch<RestInitialHandler.InitialMatch> match) {
        String remaining = match.remaining.isEmpty() ? "/" : match.remaining;
        ServerRestHandler[] handlers = match.value.handlers;
        if (handlers == null || handlers.length < 1 || !(handlers[0] instanceof ClassRoutingHandler routing)) {
            return null;
        }
        Map<String, RequestMapper<RuntimeResource>> byMethod = routing.getMappers();
        RequestMapper<RuntimeResource> mapper = byMethod.get(method);
        if (mapper == null && (method.equals("HEAD") || method.equals("OPTIONS"))) {
            mapper = byMethod.get("GET");
        }
        if (mapper == null) {
            mapper = byMethod.get(null);
        }
        if (mapper == null) {
            return null;
        }
        RequestMapper.RequestMatch<RuntimeResource> resource = mapper.map(remaining);
        if (resource == null && method.equals("HEAD") && byMethod.get("GET") != null) {
            resource = byMethod.get("GET").map(remaining);
        }
        return resource == null ? null : match.template.template + resource.template.template;
    }
}
