package dev.bigocean.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /health} for load balancers, as the reference shows; readiness with dependencies is {@code /q/health/ready}. */
@Path("/health")
public class HealthResource {

    public record Health(String status, String timestamp) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Health health() {
        return new Health("ok", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
