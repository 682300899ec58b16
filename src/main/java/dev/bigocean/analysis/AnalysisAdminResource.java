package dev.bigocean.analysis;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.bigocean.analysis.api.RetryFailedRequest;
import dev.bigocean.analysis.api.RetryFailedResponse;
import dev.bigocean.identity.CurrentUser;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.Ids;
import dev.bigocean.web.api.ErrorBodies;
import dev.bigocean.web.JsonBody;
import io.smallrye.mutiny.Uni;

/**
 * Operations on the analysis queue for operators and internal clients: only for requests carrying the internal secret
 * ({@code x-internal-secret} = {@code INTERNAL_API_SECRET}, checked once by the identity filter); without a configured
 * secret every call is 401.
 */
@Path("/api/admin/analysis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
class AnalysisAdminResource {

    private static final Logger LOG = Logger.getLogger(AnalysisAdminResource.class);

    private final AnalysisJobRepository jobs;
    private final AnalysisWorker worker;
    private final JsonBody json;
    private final CurrentUser caller;

    AnalysisAdminResource(AnalysisJobRepository jobs, AnalysisWorker worker, JsonBody json, CurrentUser caller) {
        this.jobs = jobs;
        this.worker = worker;
        this.json = json;
        this.caller = caller;
    }

    /** Puts failed jobs (all, or one session's via {@code ?sessionId=} or {@code {"sessionId"}}) back in the queue. */
    @POST
    @Path("/retry-failed")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "retryFailedAnalyses", summary = "Put failed analysis jobs back in the queue")
    @APIResponse(responseCode = "200", description = "How many jobs were requeued.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetryFailedResponse.class)))
    @APIResponse(responseCode = "401", description = "Unauthorized: the internal secret is missing or wrong.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.Unauthorized.class)))
    public Uni<RetryFailedResponse> retryFailed(@QueryParam("sessionId") @Parameter(description = "Only this session's jobs.",
            schema = @Schema(type = SchemaType.STRING, format = "uuid")) String sessionParam,
            @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RetryFailedRequest.class))) String raw) {
        if (!caller.trustedInternal()) {
            throw ApiException.unauthorized("This endpoint needs the internal secret (x-internal-secret)");
        }
        RetryFailedRequest body = json.read(raw, RetryFailedRequest.class);
        String sessionText = sessionParam != null ? sessionParam : body == null ? null : body.sessionId();
        UUID sessionId = Ids.optionalUuid("sessionId", sessionText);
        return jobs.requeueFailed(sessionId).map(n -> {
            LOG.infof("Requeued %d failed analysis job(s)%s", n, sessionId == null ? "" : " of session " + sessionId);
            if (n > 0) {
                worker.wake();
            }
            return new RetryFailedResponse(n);
        });
    }
}
