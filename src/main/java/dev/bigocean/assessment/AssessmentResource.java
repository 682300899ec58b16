package dev.bigocean.assessment;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import dev.bigocean.assessment.api.ResultsResponse;
import dev.bigocean.assessment.api.ResumeResponse;
import dev.bigocean.assessment.api.StartRequest;
import dev.bigocean.assessment.api.StartResponse;
import dev.bigocean.identity.IdentityService;
import dev.bigocean.questionnaire.QuestionnaireService;
import dev.bigocean.web.Ids;
import dev.bigocean.web.JsonBody;
import dev.bigocean.web.Languages;
import io.smallrye.mutiny.Uni;

@Path("/api/assessment")
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentResource {

    private final AssessmentService service;
    private final JsonBody json;
    private final IdentityService identity;
    private final QuestionnaireService questionnaire;

    AssessmentResource(AssessmentService service, JsonBody json, IdentityService identity,
            QuestionnaireService questionnaire) {
        this.service = service;
        this.json = json;
        this.identity = identity;
        this.questionnaire = questionnaire;
    }

    @POST
    @Path("/start")
    @Consumes(MediaType.WILDCARD)
    public Uni<StartResponse> start(String raw, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        StartRequest body = json.read(raw, StartRequest.class);
        UUID requestedUserId = Ids.optionalUuid("userId", body == null ? null : body.userId());
        String requested = Languages.primaryTag("language", body == null ? null : body.language());
        String language = requested != null ? requested : Languages.fromHeader(acceptLanguage);
        return identity.ownerOfNewSession(requestedUserId).flatMap(userId -> service.start(userId, language))
                .map(session -> new StartResponse(session.id.toString(), session.createdAt.toString(), session.language));
    }

    @GET
    @Path("/{sessionId}/resume")
    public Uni<ResumeResponse> resume(@PathParam("sessionId") String sessionId) {
        return service.resume(Ids.uuid("sessionId", sessionId));
    }

    @GET
    @Path("/{sessionId}/results")
    public Uni<ResultsResponse> results(@PathParam("sessionId") String sessionId) {
        UUID id = Ids.uuid("sessionId", sessionId);
        // Questionnaire baseline and agreement (questionnaire/): added after the session check and the conversation's scores.
        return service.results(id).flatMap(results -> questionnaire.addTo(id, results));
    }
}
