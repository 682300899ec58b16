package dev.bigocean.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/** The reference answers CORS preflight requests with {@code 204 No Content}; Quarkus' CORS filter uses 200. */
@ApplicationScoped
class CorsPreflight {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            if (rc.request().method() == HttpMethod.OPTIONS && rc.request().getHeader("Access-Control-Request-Method") != null) {
                rc.addHeadersEndHandler(v -> {
                    if (rc.response().getStatusCode() == 200) {
                        rc.response().setStatusCode(204);
                    }
                });
            }
            rc.next();
        });
    }
}
