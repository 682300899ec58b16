package dev.bigocean.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The request body limit ({@code MAX_BODY_SIZE}, 64 KiB by default). Every body is read into memory before it is
 * parsed, so the limit is what bounds a request's memory: with Quarkus' default of 10 MiB, thirty requests at once
 * exhausted the image's 128 MB heap and the JVM exited. The largest legitimate body is a message of
 * {@code MAX_MESSAGE_LENGTH} characters, each at most six bytes as a JSON escape. A limit below that, or above what
 * Quarkus REST parses from memory ({@code quarkus.rest.input-buffer-size}, 256 KiB), fails the start.
 * <p>
 * A body declared larger than the limit ({@code Content-Length}) is refused before it is read; a chunked one is read
 * here, on the event loop, and refused as soon as it outgrows the limit. Both get {@code 413 PayloadTooLarge} with
 * {@code maxBytes}, and an HTTP/1.1 connection is closed so that the rest is never read. (Left to Quarkus REST, the
 * first got an empty 413, and the second an empty 413 and two ERROR lines with stack traces in the log, from a worker
 * thread that had blocked while the body arrived.) An HTTP/2 body sent without a length is left to Quarkus REST (it
 * cannot take an HTTP/2 request whose body was read before it), which reads it in memory up to
 * {@code input-buffer-size}: {@link JsonBody} refuses it with the same JSON 413 when it is over the limit. Past that
 * buffer Quarkus REST streams the body and refuses it itself, with an empty 413, and closes the connection; this class
 * keeps that quiet and valid HTTP/2 (see {@code ErrorMapper.isStreamedBodyTooLarge}).
 */
@ApplicationScoped
class BodyLimit {

    /** Room around the message itself: the session id, the field names, the JSON punctuation. */
    static final int ENVELOPE = 1024;
    /** The most bytes one character of a message can take in a JSON body ({@code \}{@code uXXXX}). */
    static final int BYTES_PER_CHARACTER = 6;

    private static final String REFUSED = BodyLimit.class.getName() + ".refused";

    private final long maxBytes;
    private final ObjectMapper mapper;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "bigocean.assessment.max-message-length") int maxMessageLength,
            @ConfigProperty(name = "quarkus.rest.input-buffer-size") MemorySize inMemory, ObjectMapper mapper) {
        this.maxBytes = maxBodySize.asLongValue();
        this.mapper = mapper;
        long needed = (long) maxMessageLength * BYTES_PER_CHARACTER + ENVELOPE;
        if (maxBytes < needed) {
            throw new IllegalStateException("MAX_BODY_SIZE (" + maxBytes + " bytes) cannot hold a message of MAX_MESSAGE_LENGTH ("
                    + maxMessageLength + ") characters: it needs at least " + needed + " bytes");
        }
        if (maxBytes > inMemory.asLongValue()) {
            // Quarkus REST would stream a larger body on a worker thread, and misread one this class has read.
            throw new IllegalStateException("MAX_BODY_SIZE (" + maxBytes + " bytes) may be at most " + inMemory.asLongValue() + " bytes");
        }
    }

    void install(@Observes Router router) {
        BodyHandler read = BodyHandler.create(false).setBodyLimit(maxBytes);
        // After the request id (Integer.MIN_VALUE + 1), before Quarkus' own size check (order -2).
        router.route().order(-3).handler(rc -> {
            HttpServerRequest request = rc.request();
            long declared = declaredLength(request);
            if (declared > maxBytes) {
                refuse(rc);
            } else if (request.version() != HttpVersion.HTTP_2 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                // A body of unknown length is read here, up to the limit. (Quarkus REST may not be handed an HTTP/2
                // request that is already read; it reads such a body itself, in memory up to input-buffer-size.)
                request.resume(); // Quarkus pauses every request until something reads it
                read.handle(rc);
            } else {
                if (request.version() == HttpVersion.HTTP_2 && declared < 0 && !request.isEnded()) {
                    // Quarkus REST refuses such a body past its buffer with "Connection: close", a header HTTP/2 forbids
                    // (clients saw a protocol error instead of the 413), and then closes the connection (GOAWAY).
                    rc.addHeadersEndHandler(ignored -> rc.response().headers().remove(HttpHeaders.CONNECTION));
                }
                rc.next();
            }
        }).failureHandler(rc -> {
            if (rc.get(REFUSED) != null || rc.failure() instanceof HttpClosedException) {
                // The client went away while its body was read (or the rest of a refused one was still on its way):
                // there is no one to answer, and nothing for an operator to do.
                return;
            }
            if (rc.response().ended() && rc.response().getStatusCode() == 413) {
                // Quarkus REST refused an HTTP/2 body of unknown length as it streamed past the limit and ended the
                // response itself; what failed after (writing the mapped error to the ended response) is no news.
                return;
            }
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                refuse(rc);
            } else {
                rc.next();
            }
        });
    }

    private void refuse(RoutingContext rc) {
        rc.put(REFUSED, Boolean.TRUE);
        if (rc.request().version() != HttpVersion.HTTP_2) { // an HTTP/2 stream is reset; the connection serves others
            rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                    .endHandler(ignored -> rc.request().connection().close());
        }
        ErrorMapper.end(rc, mapper, ApiException.payloadTooLarge(maxBytes));
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // HTTP/1.1 decoding refuses a malformed length before any route runs
        }
    }
}
