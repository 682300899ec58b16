package dev.bigocean.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.Warnings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * PostgreSQL stops for a few seconds under a read loop: every request answers 200 or the reference's 500 (or 503)
 * {@code DatabaseError}, the outage is logged once without a stack trace, and once PostgreSQL is back the same
 * application serves reads and turns again, with every message acknowledged before the outage still there.
 */
@QuarkusTest
class DatabaseOutageIT {

    private static String message(String sessionId, String text) {
        return "{\"sessionId\":\"" + sessionId + "\",\"message\":\"" + text + "\"}";
    }

    private static Response turn(String sessionId, String text) {
        return given().contentType(ContentType.JSON).body(message(sessionId, text))
                .when().post("/api/assessment/message").then().extract().response();
    }

    @Test
    void anOutageAnswersDatabaseErrorAndTheServiceRecoversWithoutARestart() throws Exception {
        String sessionId = Api.startSession();
        turn(sessionId, "I plan my week every Sunday evening").then().statusCode(200);
        turn(sessionId, "At parties I like meeting new people").then().statusCode(200);
        int acknowledged = given().get("/api/assessment/" + sessionId + "/resume").then().statusCode(200)
                .extract().path("messageCount");

        Warnings warnings = Warnings.capture();

        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            for (String path : List.of("/resume", "/results", "/resume", "/results")) {
                readers.submit(() -> {
                    while (reading.get()) {
                        Response response = given().get("/api/assessment/" + sessionId + path).then().extract().response();
                        String answer = response.statusCode() == 200 ? "200" : response.statusCode() + " " + response.path("_tag");
                        answers.computeIfAbsent(answer, k -> new AtomicInteger()).incrementAndGet();
                        if (!answer.equals("200") && !answer.equals("500 DatabaseError") && !answer.equals("503 DatabaseError")) {
                            unexpected.add(answer + ": " + response.asString());
                        }
                    }
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> answers.getOrDefault("200", new AtomicInteger()).get() > 10);

            InfrastructureResource.stopPostgres();
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> answers.getOrDefault("500 DatabaseError", new AtomicInteger()).get() > 20);
            } finally {
                InfrastructureResource.startPostgresAgain();
            }
            int before = answers.get("200").get();
            await().atMost(Duration.ofSeconds(60)).until(() -> answers.get("200").get() > before + 20);
        } finally {
            reading.set(false);
            readers.shutdown();
            readers.awaitTermination(30, TimeUnit.SECONDS);
            warnings.close();
        }

        assertTrue(unexpected.isEmpty(), "only 200 or DatabaseError during the outage: " + unexpected);
        List<LogRecord> logged = warnings.records();
        assertTrue(logged.size() <= 1, "at most one WARN for the outage, answers " + answers + ", logged " + warnings.lines());
        assertTrue(Warnings.noErrorOrStackTrace(logged),
                "no ERROR and no stack trace: " + warnings.lines());

        // Recovered without a restart: every acknowledged message is there and turns work again.
        given().get("/api/assessment/" + sessionId + "/resume").then().statusCode(200);
        assertEquals(acknowledged, (int) given().get("/api/assessment/" + sessionId + "/resume").then().extract().path("messageCount"));
        turn(sessionId, "I enjoy reading about distant places").then().statusCode(200);
        assertEquals(acknowledged + 2, (int) given().get("/api/assessment/" + sessionId + "/resume").then().extract().path("messageCount"));
    }
}
