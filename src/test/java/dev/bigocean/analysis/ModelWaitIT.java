package dev.bigocean.analysis;

import static dev.bigocean.analysis.AnalyzerReplies.evidence;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bigocean.testsupport.StopAnalysisWorkers;
import dev.bigocean.testsupport.StubReply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A model that fails every call past a job's last attempt (503s here) does not fail the job while its message is younger
 * than {@code bigocean.analysis.model-wait}: the job keeps its last attempt, waits and tries again, and is analysed once
 * the model answers. (The pipeline tests, with no wait, check that such a job is failed after its attempts.)
 */
@QuarkusTest
@TestProfile(ModelWaitIT.Waiting.class)
@ExtendWith(StopAnalysisWorkers.class)
class ModelWaitIT {

    public static class Waiting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bigocean.analysis.model-wait", "PT1H");
        }
    }

    @Inject
    AnalysisFixtures fixtures;

    @Inject
    AnalysisWorker worker;

    @BeforeEach
    void startWorkers() {
        AnalyzerReplies.install();
        worker.start();
    }

    @Test
    void aJobWaitsForAnUnavailableModelInsteadOfFailing() {
        String marker = AnalyzerReplies.marker();
        AnalyzerReplies.when(marker, StubReply.error(503, "Overloaded"));
        UUID message = fixtures.userMessage(AnalysisFixtures.startSession(), AnalysisPipelineIT.QUESTION,
                "I daydream a lot. " + marker);

        // Three attempts of two calls each (LangChain4j retries once within an attempt), then more: the job went on.
        await().atMost(Duration.ofSeconds(30)).until(() -> AnalyzerReplies.requests(marker).size() >= 10);
        Map<String, Object> job = fixtures.job(message);
        assertEquals("AnalyzerError", job.get("error_tag"), job.toString());
        assertEquals(false, "failed".equals(job.get("status")), job.toString());

        AnalyzerReplies.when(marker, StubReply.json(evidence("imagination", 16, 80, "I daydream a lot")));
        Map<String, Object> done = fixtures.awaitJob(message, "done");
        assertEquals(1, done.get("evidence_count"), done.toString());
        assertEquals(1, fixtures.evidence(message).size());
    }
}
