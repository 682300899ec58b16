package dev.bigocean.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Api;
import io.prometheus.client.exemplars.ExemplarSampler;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The HTTP metrics name a request by its path template, never by its path: a session id in a label would make a new
 * time series per session. Checked for a request REST matched (200, and a 400 from the resource), one a pre-matching
 * filter refused before matching (415), one whose client went away before its answer (reset), and one that matches
 * nothing (404). With tracing off (the default) the
 * registry samples no exemplars ({@code TracingIT} checks them with tracing on).
 */
@QuarkusTest
class MetricsPathTemplateIT {

    private static final Pattern REQUESTS = Pattern.compile("^http_server_requests_seconds_count\\{(.*)} ", Pattern.MULTILINE);

    @Inject
    Optional<ExemplarSampler> exemplars;

    @Test
    void noExemplarsWithoutTraces() {
        assertTrue(exemplars.isEmpty(), "an exemplar sampler with tracing off");
    }

    @Test
    void requestsAreCountedByTheirPathTemplate() {
        String session = Api.startSession();
        given().get("/api/assessment/" + session + "/results").then().statusCode(200);
        given().get("/api/assessment/not-a-session/results").then().statusCode(400);
        given().contentType("garbage").body("{}".getBytes(StandardCharsets.UTF_8))
                .put("/api/assessment/" + session + "/questionnaire").then().statusCode(415);
        given().get("/api/assessment/" + session + "/nothing-here").then().statusCode(404);

        List<String> labels = REQUESTS.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .results().map(m -> m.group(1)).toList();
        assertTrue(labels.stream().anyMatch(l -> l.contains("uri=\"/api/assessment/{sessionId}/results\"")
                && l.contains("status=\"200\"")), () -> "no templated 200 among " + labels);
        assertTrue(labels.stream().anyMatch(l -> l.contains("uri=\"/api/assessment/{sessionId}/results\"")
                && l.contains("status=\"400\"")), () -> "no templated 400 among " + labels);
        assertTrue(labels.stream().anyMatch(l -> l.contains("uri=\"/api/assessment/{sessionId}/questionnaire\"")
                && l.contains("status=\"415\"")), () -> "the 415 refused before matching is not templated: " + labels);
        assertFalse(labels.stream().anyMatch(l -> l.contains(session) || l.contains("not-a-session")),
                () -> "a path, not a template, in " + labels);
        assertEquals(List.of(), labels.stream().filter(l -> l.contains("nothing-here")).toList());
    }

    /**
     * A client that goes away before its request is answered gets no response, and the metrics count the request as
     * reset: under its template too, not under its path. Here it goes away while its chunked body is read, before Quarkus
     * REST has matched the request (as while a pre-matching filter waits for Redis or PostgreSQL).
     */
    @Test
    void aRequestResetBeforeItsAnswerIsCountedByItsPathTemplate() throws Exception {
        String session = Api.startSession();
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.getOutputStream().write(("PUT /api/assessment/" + session + "/questionnaire HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n{\"answers\":\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(200); // the request is under way, its body incomplete
            socket.setSoLinger(true, 0); // a reset, not an orderly close
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> labels = REQUESTS.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString())
                    .results().map(m -> m.group(1)).toList();
            assertFalse(labels.stream().anyMatch(l -> l.contains(session)), () -> "a path, not a template, in " + labels);
            assertTrue(labels.stream().anyMatch(l -> l.contains("uri=\"/api/assessment/{sessionId}/questionnaire\"")
                    && l.contains("status=\"RESET\"")), () -> "no templated reset among " + labels);
        });
    }
}
