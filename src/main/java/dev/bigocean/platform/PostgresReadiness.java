package dev.bigocean.platform;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Readiness needs PostgreSQL: without it no request can be served, so the instance leaves its load balancer. A
 * {@code SELECT 1} on the application's own reactive pool, DOWN after 3 s. Replaces the Quarkus datasource checks
 * ({@code quarkus.datasource.health.enabled=false}) so that readiness is decided in one place per dependency; liveness
 * never looks at PostgreSQL (a restart would not bring it back).
 */
@Readiness
@ApplicationScoped
class PostgresReadiness implements AsyncHealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Pool pool;

    PostgresReadiness(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> HealthCheckResponse.named("postgresql").up().build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("postgresql").down()
                        .withData("error", e.getClass().getSimpleName()).build());
    }
}
