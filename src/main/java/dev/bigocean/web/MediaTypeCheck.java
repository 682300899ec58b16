package dev.bigocean.web;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * A {@code Content-Type} that is not a media type at all ({@code ""}, {@code garbage}) is 415
 * {@code UnsupportedMediaType} before matching: Quarkus REST parses it while choosing between methods of one path and
 * would otherwise fail with a 500. Runs after identity and rate limits, so malformed requests are still counted.
 */
class MediaTypeCheck {

    @ServerRequestFilter(preMatching = true, priority = Priorities.HEADER_DECORATOR)
    void contentType(HttpServerRequest request) {
        String value = request.getHeader("Content-Type");
        if (value == null) {
            return;
        }
        try {
            MediaType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.unsupportedMediaType();
        }
    }
}
