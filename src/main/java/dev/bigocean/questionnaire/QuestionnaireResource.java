package dev.bigocean.questionnaire;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import dev.bigocean.questionnaire.api.QuestionnaireResponse;
import io.smallrye.common.annotation.NonBlocking;

/**
 * {@code GET /api/questionnaire}. The answers endpoint is {@link AnswersResource}: it sits under
 * {@code /api/assessment/…}, and a class on {@code /api} would lose that prefix to the assessment resource.
 */
@Path("/api/questionnaire")
@Produces(MediaType.APPLICATION_JSON)
public class QuestionnaireResource {

    private final QuestionnaireService service;

    QuestionnaireResource(QuestionnaireService service) {
        this.service = service;
    }

    /** The items and answer labels in {@code lang}, else the {@code Accept-Language}, else English. */
    @GET
    @NonBlocking
    public QuestionnaireResponse questionnaire(@QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return service.questionnaire(lang, acceptLanguage);
    }
}
