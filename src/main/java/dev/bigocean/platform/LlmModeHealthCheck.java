package dev.bigocean.platform;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Says in {@code /q/health} whether each model role is online or offline, and where PostgreSQL and Redis are. */
@Readiness
@ApplicationScoped
class LlmModeHealthCheck implements HealthCheck {

    private final LlmConfig llm;
    private final String infrastructure;

    LlmModeHealthCheck(LlmConfig llm, PlatformConfig.Infrastructure infrastructure) {
        this.llm = llm;
        this.infrastructure = infrastructure.mode();
    }

    @Override
    public HealthCheckResponse call() {
        boolean anyOffline = llm.nerinOffline() || llm.analyzerOffline();
        return HealthCheckResponse.named("big-ocean")
                .up()
                .withData("mode", anyOffline ? "offline" : "online")
                .withData("nerin", llm.nerinOffline() ? "offline" : "online")
                .withData("analyzer", llm.analyzerOffline() ? "offline" : "online")
                .withData("infrastructure", infrastructure)
                .build();
    }
}
