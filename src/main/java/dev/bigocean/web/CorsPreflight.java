package dev.bigocean.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/** The reference answers CORS preflight requests with {@code 204 No Content}; Quarkus' CORS filter uses 200. */
@ApplicationScoped
class CorsPreflight {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            if (is(rc.request())) {
                rc.addHeadersEndHandler(v -> {
                    if (rc.response().getStatusCode() == 200) {
                        rc.response().setStatusCode(204);
                    }
                });
            }
            rc.next();
        });
    }

    /** Whether a request is a CORS preflight: {@code OPTIONS} with {@code Access-Control-Request-Method}. */
    static boolean is(HttpServerRequest request) {
        return request.method() == HttpMethod.OPTIONS && request.headers().contains("Access-Control-Request-Method");
    }
}
