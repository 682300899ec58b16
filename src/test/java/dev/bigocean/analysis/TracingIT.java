package dev.bigocean.analysis;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.StopAnalysisWorkers;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With tracing on, a turn and its analysis leave spans: the HTTP request, the model calls (model, tokens, cost), the job. */
@QuarkusTest
@TestProfile(TracingIT.Enabled.class)
@ExtendWith(StopAnalysisWorkers.class)
class TracingIT {

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "PT0.05S");
        }
    }

    /** Spans end up in memory instead of at a collector. */
    @ApplicationScoped
    public static class Exporter {
        @Produces
        @Singleton
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    AnalysisFixtures fixtures;

    @Inject
    AnalysisWorker worker;

    @Test
    void aTurnAndItsAnalysisAreTraced() {
        InfrastructureResource.stub().reset();
        AnalyzerReplies.install();
        worker.start();
        String marker = AnalyzerReplies.marker();
        AnalyzerReplies.when(marker, StubReply.json("{\"evidence\": []}"));
        String session = Api.startSession();
        String id = given().contentType(ContentType.JSON).body(Map.of("sessionId", session, "message", "I like quiet mornings. " + marker))
                .post("/api/assessment/message").then().statusCode(200).extract().path("userMessageId");
        fixtures.awaitJob(UUID.fromString(id), "done");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<SpanData> spans = exporter.getFinishedSpanItems();
            assertTrue(spans.stream().anyMatch(s -> s.getName().contains("/api/assessment/message")),
                    () -> "HTTP span in " + names(spans));
            SpanData model = spans.stream().filter(s -> s.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")) != null)
                    .findFirst().orElse(null);
            assertNotNull(model, () -> "model-call span in " + names(spans));
            assertNotNull(model.getAttributes().get(AttributeKey.longKey("gen_ai.usage.prompt_tokens")), "tokens");
            assertNotNull(model.getAttributes().get(AttributeKey.longKey("bigocean.cost.micro_usd")), "cost");
            assertTrue(spans.stream().anyMatch(s -> s.getName().equals("analysis.job")), () -> "job span in " + names(spans));
        });
    }

    /** With traces recorded, the metrics carry exemplars: the trace of a sampled request, in the OpenMetrics format. */
    @Test
    void metricsCarryExemplarsOfTheTraces() {
        String session = Api.startSession();
        given().get("/api/assessment/" + session + "/results").then().statusCode(200);
        String metrics = given().accept("application/openmetrics-text; version=1.0.0; charset=utf-8").get("/q/metrics")
                .then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds") && l.contains("trace_id=")),
                "no exemplar on the HTTP metrics");
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).toList();
    }
}
