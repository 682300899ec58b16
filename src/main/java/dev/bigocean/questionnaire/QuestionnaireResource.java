package dev.bigocean.questionnaire;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.bigocean.questionnaire.api.QuestionnaireResponse;
import dev.bigocean.web.api.ErrorBodies;
import io.smallrye.common.annotation.NonBlocking;

/**
 * {@code GET /api/questionnaire}. The answers endpoint is {@link AnswersResource}: it sits under
 * {@code /api/assessment/…}, and a class on {@code /api} would lose that prefix to the assessment resource.
 */
@Path("/api/questionnaire")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Questionnaire")
class QuestionnaireResource {

    private final QuestionnaireService service;

    QuestionnaireResource(QuestionnaireService service) {
        this.service = service;
    }

    /** The items and answer labels in {@code lang}, else the {@code Accept-Language}, else English. */
    @GET
    @NonBlocking
    @Operation(operationId = "getQuestionnaire", summary = "The IPIP-NEO-120 items and answer labels",
            description = "In `lang` when available, else in the first available language of Accept-Language, else in English.")
    @APIResponse(responseCode = "200", description = "The questionnaire in one language.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuestionnaireResponse.class)))
    @APIResponse(responseCode = "400", description = "ValidationError: lang is not a well-formed language tag.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBodies.ValidationError.class)))
    public QuestionnaireResponse questionnaire(@QueryParam("lang") @Parameter(description = "BCP-47 language tag, e.g. de or pt-BR.",
            schema = @Schema(type = SchemaType.STRING)) String lang,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return service.questionnaire(lang, acceptLanguage);
    }
}
