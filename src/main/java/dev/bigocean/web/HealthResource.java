package dev.bigocean.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /health} for load balancers, as the reference shows; readiness with dependencies is {@code /q/health/ready}. */
@Path("/health")
@Tag(name = "Health")
class HealthResource {

    record Health(@Schema(required = true, enumeration = "ok") String status,
            @Schema(required = true, format = "date-time") String timestamp) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getHealth", summary = "Is the service up")
    public Health health() {
        return new Health("ok", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
