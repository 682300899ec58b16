package dev.bigocean.analysis;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.bigocean.analysis.api.EvidenceView;
import dev.bigocean.scoring.Facet;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.Ids;
import dev.bigocean.web.api.ErrorBodies;
import io.smallrye.mutiny.Uni;

/** The evidence behind the scores: per facet of a session, and per message (quotes with their highlight ranges). */
@Path("/api/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence")
class EvidenceResource {

    private final EvidenceService service;

    EvidenceResource(EvidenceService service) {
        this.service = service;
    }

    @GET
    @Path("/facet")
    @Operation(operationId = "getFacetEvidence", summary = "A session's evidence for one facet, newest first")
    @APIResponse(responseCode = "200", description = "The evidence (possibly empty).", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = EvidenceView.class)))
    @APIResponse(responseCode = "404", description = "SessionNotFound.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.SessionNotFound.class)))
    @APIResponse(responseCode = "422", description = "InvalidFacetNameError: not one of the 30 facets (validFacets lists them).", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.InvalidFacetNameError.class)))
    public Uni<List<EvidenceView>> facet(@QueryParam("sessionId") @Parameter(required = true, description = "The session id.",
            schema = @Schema(type = SchemaType.STRING, format = "uuid")) String sessionId,
            @QueryParam("facetName") @Parameter(required = true, description = "A facet name, e.g. imagination or altruism.",
                    schema = @Schema(type = SchemaType.STRING)) String facetName) {
        var session = Ids.uuid("sessionId", sessionId);
        if (facetName == null || facetName.isBlank()) {
            throw ApiException.validation("facetName", "facetName is required");
        }
        Facet facet = EvidenceService.facet(facetName);
        return service.forFacet(session, facet);
    }

    @GET
    @Path("/message/{assessmentMessageId}")
    @Operation(operationId = "getMessageEvidence", summary = "The evidence found in one message, highest score first")
    @APIResponse(responseCode = "200", description = "The evidence (possibly empty).", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = EvidenceView.class)))
    @APIResponse(responseCode = "404", description = "MessageNotFound: unknown, erased, or of a session the caller may not see.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBodies.MessageNotFound.class)))
    public Uni<List<EvidenceView>> message(@PathParam("assessmentMessageId") @Parameter(description = "A message id (from resume or sendMessage).", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            String assessmentMessageId) {
        return service.forMessage(Ids.uuid("assessmentMessageId", assessmentMessageId));
    }
}
