package dev.bigocean.assessment;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.bigocean.assessment.api.ResultsResponse;
import dev.bigocean.assessment.api.ResumeResponse;
import dev.bigocean.assessment.api.StartRequest;
import dev.bigocean.assessment.api.StartResponse;
import dev.bigocean.identity.IdentityService;
import dev.bigocean.web.ClientAddress;
import dev.bigocean.limits.CostBudget;
import dev.bigocean.web.Ids;
import dev.bigocean.web.JsonBody;
import dev.bigocean.web.Languages;
import dev.bigocean.web.api.ErrorBodies;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/assessment")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessment")
class AssessmentResource {

    private final AssessmentService service;
    private final JsonBody json;
    private final IdentityService identity;
    private final ClientAddress clients;

    AssessmentResource(AssessmentService service, JsonBody json, IdentityService identity, ClientAddress clients) {
        this.clients = clients;
        this.service = service;
        this.json = json;
        this.identity = identity;
    }

    @POST
    @Path("/start")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "startAssessment", summary = "Start an assessment session",
            description = "Creates a session whose first message is Nerin's greeting. A signed-in user may start one "
                    + "assessment per day. The conversation's language is the body's language, else Accept-Language, "
                    + "else English.")
    @APIResponse(responseCode = "200", description = "The new session.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StartResponse.class)))
    @APIResponse(responseCode = "401", description = "Unauthorized: userId is not the signed-in user.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBodies.Unauthorized.class)))
    public Uni<StartResponse> start(@RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StartRequest.class))) String raw,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @Context HttpServerRequest request) {
        StartRequest body = json.read(raw, StartRequest.class);
        UUID requestedUserId = Ids.optionalUuid("userId", body == null ? null : body.userId());
        String requested = Languages.primaryTag("language", body == null ? null : body.language());
        String language = requested != null ? requested : Languages.fromHeader(acceptLanguage);
        String clientKey = CostBudget.clientKey(clients.ip(request));
        return identity.ownerOfNewSession(requestedUserId).flatMap(owner -> service.start(owner, clientKey, language))
                .map(session -> new StartResponse(session.id.toString(), session.createdAt.toString(), session.language));
    }

    @GET
    @Path("/{sessionId}/resume")
    @Operation(operationId = "resumeAssessment", summary = "The conversation so far and the current confidence")
    @APIResponse(responseCode = "200", description = "The stored conversation.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResumeResponse.class)))
    @APIResponse(responseCode = "404", description = "SessionNotFound.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.SessionNotFound.class)))
    @APIResponse(responseCode = "410", description = "SessionExpired.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.SessionExpired.class)))
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<byte[]> resume(@PathParam("sessionId") @Parameter(description = "The session id.",
            schema = @Schema(type = SchemaType.STRING, format = "uuid")) String sessionId) {
        return service.resume(Ids.uuid("sessionId", sessionId));
    }

    @GET
    @Path("/{sessionId}/results")
    @Operation(operationId = "getResults", summary = "Scores, OCEAN codes and archetype from the evidence so far")
    @APIResponse(responseCode = "200", description = "The results.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResultsResponse.class)))
    @APIResponse(responseCode = "404", description = "SessionNotFound.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.SessionNotFound.class)))
    @APIResponse(responseCode = "410", description = "SessionExpired.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.SessionExpired.class)))
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<byte[]> results(@PathParam("sessionId") @Parameter(description = "The session id.",
            schema = @Schema(type = SchemaType.STRING, format = "uuid")) String sessionId) {
        return service.results(Ids.uuid("sessionId", sessionId));
    }

    /** Erases the session and all that derives from it: 204, or 404 {@code SessionNotFound}. */
    @DELETE
    @Path("/{sessionId}")
    @Operation(operationId = "eraseAssessment", summary = "Erase an assessment session", description = "The holder of an anonymous session's id, or the "
            + "owner of an owned session, erases it with its messages, evidence, analysis jobs and public profile.")
    @APIResponse(responseCode = "204", description = "Erased; every id of it now answers 404")
    @APIResponse(responseCode = "404", description = "SessionNotFound: unknown, or owned by someone else",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBodies.SessionNotFound.class)))
    public Uni<Void> erase(@PathParam("sessionId") @Parameter(description = "The session id.",
            schema = @Schema(type = SchemaType.STRING, format = "uuid")) String sessionId) {
        return service.erase(Ids.uuid("sessionId", sessionId));
    }
}
