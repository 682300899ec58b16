package dev.bigocean.analysis;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bigocean.analysis.ai.OfflineAnalyzerModel;
import dev.bigocean.testsupport.StopAnalysisWorkers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With no API key the analyzer runs offline and the flow still reaches real, valid evidence and results. */
@QuarkusTest
@TestProfile(OfflineAnalysisIT.Offline.class)
@ExtendWith(StopAnalysisWorkers.class)
class OfflineAnalysisIT {

    public static class Offline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bigocean.llm.mode", "offline", "bigocean.internal-secret", "");
        }
    }

    @Inject
    AnalysisFixtures fixtures;

    @Inject
    AnalysisWorker worker;

    @Test
    void theOfflineAnalyzerStoresEvidenceWhoseQuotesSitAtTheirHighlightRange() {
        worker.start();
        String text = "Honestly? I daydream all the time \uD83C\uDF0A. At parties I love to chat with strangers, "
                + "but I worry about deadlines and keep a to-do list for everything.";
        String session = AnalysisFixtures.startSession();
        UUID message = fixtures.userMessage(session, "What fills your days?", text);

        Map<String, Object> job = fixtures.awaitJob(message, "done");
        assertEquals(OfflineAnalyzerModel.MODEL_NAME, job.get("model"));
        assertTrue((int) job.get("input_tokens") > 0);
        assertTrue((int) job.get("output_tokens") > 0);

        List<Map<String, Object>> items = given().when().get("/api/evidence/message/{id}", message)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(items.size() >= 4, items.toString());
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Integer> range = (Map<String, Integer>) item.get("highlightRange");
            assertEquals(item.get("quote"), text.substring(range.get("start"), range.get("end")), item.toString());
        }
        assertTrue(items.stream().anyMatch(i -> "imagination".equals(i.get("facetName"))));

        given().queryParam("sessionId", session).queryParam("facetName", "anxiety").when().get("/api/evidence/facet")
                .then().statusCode(200).body("[0].quote", equalTo("but I worry about deadlines and keep a to-do list for everything"));
        given().when().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("overallConfidence", greaterThan(0))
                .body("facets.find { it.name == 'imagination' }.confidence", greaterThan(0));
    }

    @Test
    void withoutAConfiguredSecretTheAdminEndpointIsClosed() {
        given().header("x-internal-secret", "").when().post("/api/admin/analysis/retry-failed")
                .then().statusCode(401).body("_tag", equalTo("Unauthorized"));
        given().header("x-internal-secret", "test-internal-secret").when().post("/api/admin/analysis/retry-failed")
                .then().statusCode(401).body("_tag", equalTo("Unauthorized"));
    }
}
