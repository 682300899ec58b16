package dev.bigocean.analysis;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters of the analysis pipeline (Prometheus at {@code /q/metrics}):
 * {@code bigocean.analysis.jobs{outcome=done|retry|failed|lease_lost, error=none|AnalyzerError|MalformedEvidenceError}},
 * {@code bigocean.analysis.evidence.stored}, {@code bigocean.analysis.evidence.dropped{reason}},
 * {@code bigocean.analysis.call} (analyzer call time) and {@code bigocean.analysis.lag} (user message stored → its
 * evidence committed). Tokens and cost per model are {@code bigocean.llm.tokens} / {@code bigocean.llm.cost.micros}.
 */
@ApplicationScoped
class AnalysisMetrics {

    private final MeterRegistry registry;
    private final Timer lag;
    private final Counter stored;

    AnalysisMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lag = Timer.builder("bigocean.analysis.lag")
                .description("Time from a user message being stored to its evidence being committed")
                .publishPercentiles(0.5, 0.95).register(registry);
        this.stored = Counter.builder("bigocean.analysis.evidence.stored").description("Evidence rows committed")
                .register(registry);
    }

    void job(String outcome, String errorTag) {
        registry.counter("bigocean.analysis.jobs", "outcome", outcome, "error", errorTag == null ? "none" : errorTag)
                .increment();
    }

    void done(int evidence, Map<EvidenceValidator.DropReason, Integer> dropped, Duration lagTime) {
        job("done", null);
        stored.increment(evidence);
        dropped.forEach((reason, n) -> registry.counter("bigocean.analysis.evidence.dropped", "reason", reason.tag())
                .increment(n));
        lag.record(lagTime.isNegative() ? Duration.ZERO : lagTime);
    }

    void call(Duration elapsed, boolean success) {
        registry.timer("bigocean.analysis.call", "outcome", success ? "success" : "failure").record(elapsed);
    }
}
