package dev.bigocean.questionnaire;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.bigocean.questionnaire.api.AnswersRequest;
import dev.bigocean.assessment.api.QuestionnaireScores;
import dev.bigocean.web.Ids;
import dev.bigocean.web.api.ErrorBodies;
import io.smallrye.mutiny.Uni;

/** {@code PUT /api/assessment/:sessionId/questionnaire}: a session's questionnaire answers. */
@Path("/api/assessment/{sessionId}/questionnaire")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Questionnaire")
class AnswersResource {

    private final QuestionnaireService service;

    AnswersResource(QuestionnaireService service) {
        this.service = service;
    }

    /**
     * Merges answers (all 120 items or any part) into the session's, in one statement; answers the scores of everything
     * answered so far.
     */
    @PUT
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "answerQuestionnaire", summary = "Add questionnaire answers to a session",
            description = "Merges the answers (all 120 items or any part; a later answer to an item replaces the earlier "
                    + "one) and answers the scores of everything answered so far. Sending answers that are already "
                    + "stored, with the same values, is safe and cheap: nothing is written again.")
    @APIResponse(responseCode = "200", description = "The questionnaire scores so far.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuestionnaireScores.class)))
    @APIResponse(responseCode = "404", description = "SessionNotFound.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.SessionNotFound.class)))
    @APIResponse(responseCode = "410", description = "SessionExpired.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.SessionExpired.class)))
    public Uni<byte[]> answer(@PathParam("sessionId") @Parameter(description = "The session id.",
            schema = @Schema(type = SchemaType.STRING, format = "uuid")) String sessionId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AnswersRequest.class))) String raw) {
        return service.answer(Ids.uuid("sessionId", sessionId), raw);
    }
}
