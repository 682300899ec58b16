package dev.bigocean.analysis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.bigocean.analysis.api.RetryFailedRequest;
import dev.bigocean.analysis.api.RetryFailedResponse;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.Ids;
import dev.bigocean.web.JsonBody;
import io.smallrye.mutiny.Uni;

/**
 * Operations on the analysis queue for operators and internal clients, guarded by the {@code x-internal-secret}
 * header ({@code INTERNAL_API_SECRET}); without a configured secret every call is 401.
 */
@Path("/api/admin/analysis")
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisAdminResource {

    private static final Logger LOG = Logger.getLogger(AnalysisAdminResource.class);

    private final AnalysisJobRepository jobs;
    private final AnalysisWorker worker;
    private final JsonBody json;
    private final Optional<String> internalSecret;

    AnalysisAdminResource(AnalysisJobRepository jobs, AnalysisWorker worker, JsonBody json,
            @ConfigProperty(name = "bigocean.internal-secret") Optional<String> internalSecret) {
        this.jobs = jobs;
        this.worker = worker;
        this.json = json;
        this.internalSecret = internalSecret.filter(s -> !s.isBlank());
    }

    /** Puts failed jobs (all, or one session's via {@code ?sessionId=} or {@code {"sessionId"}}) back in the queue. */
    @POST
    @Path("/retry-failed")
    @Consumes(MediaType.WILDCARD)
    public Uni<RetryFailedResponse> retryFailed(@HeaderParam("x-internal-secret") String secret,
            @QueryParam("sessionId") String sessionParam, String raw) {
        requireSecret(secret);
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

    private void requireSecret(String given) {
        if (internalSecret.isEmpty()) {
            throw ApiException.unauthorized("The internal API is not enabled on this server");
        }
        if (given == null || !MessageDigest.isEqual(internalSecret.get().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("Missing or invalid internal secret");
        }
    }
}
