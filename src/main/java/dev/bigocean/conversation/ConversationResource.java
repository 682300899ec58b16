package dev.bigocean.conversation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.bigocean.assessment.AssessmentConfig;
import dev.bigocean.conversation.api.MessageRequest;
import dev.bigocean.conversation.api.MessageResponse;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.ErrorMapper;
import dev.bigocean.web.Ids;
import dev.bigocean.web.JsonBody;
import dev.bigocean.web.api.ErrorBodies;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/assessment/message}: one Nerin turn, as JSON or, with {@code Accept: text/event-stream}, streamed
 * ({@code token} events, then {@code done} with the JSON body, or {@code error} with the {@code _tag} body).
 */
@Path("/api/assessment/message")
@Tag(name = "Assessment")
class ConversationResource {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");
    private static final String SSE_UTF8 = MediaType.SERVER_SENT_EVENTS + ";charset=UTF-8";

    private final ConversationService conversation;
    private final JsonBody json;
    private final AssessmentConfig config;
    private final ObjectMapper mapper;

    ConversationResource(ConversationService conversation, JsonBody json, AssessmentConfig config, ObjectMapper mapper) {
        this.conversation = conversation;
        this.json = json;
        this.config = config;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendMessage", summary = "Send the user's message and get Nerin's reply",
            description = "One turn. With `Accept: text/event-stream` the reply is streamed: `event: token` with "
                    + "`{\"delta\": \"…\"}` per chunk, then `event: done` with the same JSON as the non-streamed answer, or "
                    + "`event: error` with an error body (`_tag`, `message`, `requestId`); the HTTP status of a stream is "
                    + "200 once it has started. Errors found before the stream starts (validation, unknown session, a "
                    + "turn in progress, limits) are answered as plain JSON errors with their status.")
    @APIResponse(responseCode = "200", description = "Nerin's reply (JSON), or the streamed turn (text/event-stream).",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageResponse.class)),
                    @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING,
                            description = "Server-sent events: `token` ({delta}), then `done` (MessageResponse) or "
                                    + "`error` (an error body).")) })
    @APIResponse(responseCode = "404", description = "SessionNotFound.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.SessionNotFound.class)))
    @APIResponse(responseCode = "409", description = "TurnInProgress (another message of this session is being answered) "
            + "or SessionCompleted (the assessment is closed).", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { ErrorBodies.TurnInProgress.class, ErrorBodies.SessionCompleted.class },
                            discriminatorProperty = "_tag")))
    @APIResponse(responseCode = "410", description = "SessionExpired.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.SessionExpired.class)))
    @APIResponse(responseCode = "503", description = "AgentInvocationError (the model failed; the message is kept, retry) or "
            + "CostLimitExceeded (the daily budget is spent).", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { ErrorBodies.AgentInvocationError.class, ErrorBodies.CostLimitExceeded.class },
                            discriminatorProperty = "_tag")))
    public Uni<MessageResponse> message(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MessageRequest.class))) String raw,
            @HeaderParam("Idempotency-Key") @Parameter(description = "Retrying with the same key within 24 hours answers "
                    + "the first turn's result instead of running the turn again (1-255 visible ASCII characters).",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 255)) String idempotencyKey) {
        return conversation.turn(request(raw, idempotencyKey))
                .flatMap(events -> events.filter(event -> !(event instanceof TurnEvent.Token)).toUni())
                .map(event -> {
                    if (event instanceof TurnEvent.Failed failed) {
                        throw failed.error();
                    }
                    return ((TurnEvent.Done) event).response();
                });
    }

    /**
     * The streamed turn. The response starts only once the turn did (its first token, or a replayed reply): an error
     * before that is answered with its status and JSON body; one after it is a single {@code error} event. The stream's
     * {@code Content-Type} names its charset, as OpenAI's streams do: Quarkus REST writes a bare
     * {@code text/event-stream}, which HTTP clients other than browsers' {@code EventSource} read as ISO-8859-1.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(hidden = true) // documented as the text/event-stream content of sendMessage
    public Uni<Void> stream(String raw, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context SseEventSink sink, @Context Sse sse, @Context RoutingContext rc) {
        rc.addHeadersEndHandler(ignored -> {
            if (MediaType.SERVER_SENT_EVENTS.equals(rc.response().headers().get(HttpHeaders.CONTENT_TYPE))) {
                rc.response().putHeader(HttpHeaders.CONTENT_TYPE, SSE_UTF8);
            }
        });
        io.vertx.core.Context request = Vertx.currentContext();
        return conversation.turn(request(raw, idempotencyKey))
                .invoke(events -> events.map(event -> event(sse, event)).subscribe().with(event -> {
                    if (!sink.isClosed()) {
                        sink.send(event); // a client that went away misses the rest; the turn still runs to the end
                    }
                }, failure -> closeOnceStarted(request, sink), () -> closeOnceStarted(request, sink)))
                .replaceWithVoid();
    }

    /**
     * Closes the stream once RESTEasy Reactive has started the SSE response. When the returned Uni completes, it resumes
     * the request with a task queued on the request's context, and that task writes the response's start. A replayed
     * turn's events are all there at once: closed right away, the stream ended the response before that task ran,
     * which then failed with "Response has already been written" (two ERRORs with stack traces per replay, though the
     * client had its events). Events are still sent at once (the first token waits for nothing); only the close is
     * queued behind that task, in two hops because the first is queued before it.
     */
    private static void closeOnceStarted(io.vertx.core.Context request, SseEventSink sink) {
        if (request == null) {
            sink.close();
            return;
        }
        request.runOnContext(first -> request.runOnContext(second -> sink.close()));
    }

    private OutboundSseEvent event(Sse sse, TurnEvent event) {
        if (event instanceof TurnEvent.Token token) {
            return event(sse, "token", Map.of("delta", token.delta()));
        }
        if (event instanceof TurnEvent.Done done) {
            return event(sse, "done", done.response());
        }
        return event(sse, "error", ErrorMapper.body(((TurnEvent.Failed) event).error()));
    }

    /** A named event whose {@code data} line is the JSON text itself (no extra SSE fields). */
    private OutboundSseEvent event(Sse sse, String name, Object data) {
        try {
            return sse.newEventBuilder().name(name).data(String.class, mapper.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise an SSE event", e);
        }
    }

    private ConversationService.TurnRequest request(String raw, String idempotencyKey) {
        MessageRequest body = json.require(raw, MessageRequest.class);
        var sessionId = Ids.uuid("sessionId", body.sessionId());
        String message = body.message();
        if (message == null || message.isBlank()) {
            throw ApiException.validation("message", "message is required");
        }
        if (message.length() > config.maxMessageLength()) {
            throw ApiException.validation("message", "message is longer than " + config.maxMessageLength() + " characters");
        }
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ApiException.validation("Idempotency-Key", "Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        return new ConversationService.TurnRequest(sessionId, message.strip(), idempotencyKey);
    }
}
