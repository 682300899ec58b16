package dev.bigocean.questionnaire;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.bigocean.questionnaire.api.AnswersRequest;
import dev.bigocean.assessment.api.QuestionnaireScores;
import dev.bigocean.web.Ids;
import dev.bigocean.web.JsonBody;
import io.smallrye.mutiny.Uni;

/** {@code PUT /api/assessment/:sessionId/questionnaire}: a session's questionnaire answers. */
@Path("/api/assessment/{sessionId}/questionnaire")
@Produces(MediaType.APPLICATION_JSON)
public class AnswersResource {

    private final QuestionnaireService service;
    private final JsonBody json;

    AnswersResource(QuestionnaireService service, JsonBody json) {
        this.service = service;
        this.json = json;
    }

    /**
     * Merges answers (all 120 items or any part) into the session's, in one statement; answers the scores of everything
     * answered so far.
     */
    @PUT
    @Consumes(MediaType.WILDCARD)
    public Uni<QuestionnaireScores> answer(@PathParam("sessionId") String sessionId, String raw) {
        var id = Ids.uuid("sessionId", sessionId);
        AnswersRequest body = json.require(raw, AnswersRequest.class);
        return service.answer(id, body.answers());
    }
}
