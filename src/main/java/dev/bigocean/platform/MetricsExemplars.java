package dev.bigocean.platform;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.prometheus.client.exemplars.ExemplarSampler;
import io.quarkus.micrometer.runtime.export.exemplars.OpentelemetryExemplarSamplerProvider;

/**
 * Exemplars (the trace of a sampled request, attached to its metrics) only while traces are recorded. With
 * OpenTelemetry present, Quarkus gives the Prometheus registry an exemplar sampler whatever the runtime says, and every
 * timer, counter and summary an HTTP request, a pooled connection or a Redis command records then looks up the current
 * span to find none: about 3% of a results read's CPU time with tracing off, which is the default (no collector). The
 * registry takes no sampler then; with a collector it gets Quarkus' own.
 */
@Singleton
class MetricsExemplars {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Optional<ExemplarSampler> exemplarSampler(PlatformConfig.Tracing tracing) {
        return tracing.sdkDisabled() ? Optional.empty() : new OpentelemetryExemplarSamplerProvider().exemplarSampler();
    }
}
