package dev.bigocean.analysis;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.bigocean.analysis.api.EvidenceView;
import dev.bigocean.scoring.Facet;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.Ids;
import io.smallrye.mutiny.Uni;

/** The evidence behind the scores: per facet of a session, and per message (quotes with their highlight ranges). */
@Path("/api/evidence")
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceResource {

    private final EvidenceService service;

    EvidenceResource(EvidenceService service) {
        this.service = service;
    }

    @GET
    @Path("/facet")
    public Uni<List<EvidenceView>> facet(@QueryParam("sessionId") String sessionId, @QueryParam("facetName") String facetName) {
        var session = Ids.uuid("sessionId", sessionId);
        if (facetName == null || facetName.isBlank()) {
            throw ApiException.validation("facetName", "facetName is required");
        }
        Facet facet = EvidenceService.facet(facetName);
        return service.forFacet(session, facet);
    }

    @GET
    @Path("/message/{assessmentMessageId}")
    public Uni<List<EvidenceView>> message(@PathParam("assessmentMessageId") String assessmentMessageId) {
        return service.forMessage(Ids.uuid("assessmentMessageId", assessmentMessageId));
    }
}
