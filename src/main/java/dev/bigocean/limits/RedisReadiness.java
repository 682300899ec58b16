package dev.bigocean.limits;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Redis in readiness, always UP: while Redis is down every instance keeps serving with conservative per-instance limits
 * ({@link RedisGuard}), which only works if the instances stay in their load balancer. The check says {@code redis: up}
 * or {@code redis: degraded} (no answer to {@code PING} within the guard's Redis timeout, or the guard is deciding in
 * memory). Replaces the Quarkus Redis check ({@code quarkus.redis.health.enabled=false}), which reported DOWN.
 */
@Readiness
@ApplicationScoped
class RedisReadiness implements AsyncHealthCheck {

    private final ReactiveRedisDataSource redis;
    private final RedisGuard guard;
    private final LimitsConfig.Outage config;

    RedisReadiness(ReactiveRedisDataSource redis, RedisGuard guard, LimitsConfig.Outage config) {
        this.redis = redis;
        this.guard = guard;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING")
                .ifNoItem().after(config.redisTimeout()).fail()
                .map(pong -> !guard.degraded())
                .onFailure().recoverWithItem(false)
                .map(up -> HealthCheckResponse.named("redis").up()
                        .withData("redis", up ? "up" : "degraded")
                        .withData("limits", up ? "redis" : "per-instance fallback")
                        .build());
    }
}
