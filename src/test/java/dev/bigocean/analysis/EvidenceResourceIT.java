package dev.bigocean.analysis;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.scoring.Facet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code GET /api/evidence/facet} and {@code GET /api/evidence/message/:id}: shapes, ordering and errors. */
@QuarkusTest
class EvidenceResourceIT {

    private static final String TEXT = "I often daydream about fantastical scenarios, and learning new concepts excites me.";

    @Inject
    AnalysisFixtures fixtures;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);

    @Test
    void facetEvidenceIsTheSessionsEvidenceForThatFacetNewestFirst() {
        String session = AnalysisFixtures.startSession();
        UUID first = fixtures.userMessage(session, "Q1", TEXT);
        UUID second = fixtures.userMessage(session, "Q2", "I daydream on every train ride.");
        UUID oldest = fixtures.insertEvidence(first, "imagination", 16, 80, 0, 44, t0);
        UUID newest = fixtures.insertEvidence(second, "imagination", 17, 60, 2, 10, t0.plusSeconds(20));
        UUID middle = fixtures.insertEvidence(first, "imagination", 12, 40, 8, 16, t0.plusSeconds(10));
        fixtures.insertEvidence(first, "intellect", 18, 85, 50, 82, t0.plusSeconds(30));
        String other = AnalysisFixtures.startSession();
        fixtures.insertEvidence(fixtures.userMessage(other, "Q", TEXT), "imagination", 3, 90, 0, 7, t0.plusSeconds(40));

        given().queryParam("sessionId", session).queryParam("facetName", "imagination")
                .when().get("/api/evidence/facet")
                .then().statusCode(200)
                .body("$", hasSize(3))
                .body("id", contains(newest.toString(), middle.toString(), oldest.toString()))
                .body("facetName", contains("imagination", "imagination", "imagination"))
                .body("[2].assessmentMessageId", equalTo(first.toString()))
                .body("[2].score", equalTo(16))
                .body("[2].confidence", equalTo(80))
                .body("[2].quote", equalTo("I often daydream about fantastical scenarios"))
                .body("[2].highlightRange.start", equalTo(0))
                .body("[2].highlightRange.end", equalTo(44))
                .body("[2].createdAt", equalTo(t0.toString()))
                .body("[0].quote", equalTo("daydream"));
    }

    @Test
    void anItemHasExactlyTheReferenceFields() {
        String session = AnalysisFixtures.startSession();
        UUID message = fixtures.userMessage(session, "Q", TEXT);
        fixtures.insertEvidence(message, "intellect", 18, 85, 50, 82, t0);
        Map<String, Object> item = given().when().get("/api/evidence/message/{id}", message)
                .then().statusCode(200).extract().jsonPath().getMap("[0]");
        assertEquals(
                List.of("id", "assessmentMessageId", "facetName", "score", "confidence", "quote", "highlightRange", "createdAt"),
                List.copyOf(item.keySet()));
        assertEquals(Map.of("start", 50, "end", 82), item.get("highlightRange"));
        assertEquals("learning new concepts excites me", item.get("quote"));
    }

    @Test
    void facetWithoutEvidenceIsAnEmptyList() {
        given().queryParam("sessionId", AnalysisFixtures.startSession()).queryParam("facetName", "vulnerability")
                .when().get("/api/evidence/facet")
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void unknownSessionIs404() {
        String id = UUID.randomUUID().toString();
        given().queryParam("sessionId", id).queryParam("facetName", "imagination")
                .when().get("/api/evidence/facet")
                .then().statusCode(404).body("_tag", equalTo("SessionNotFound")).body("sessionId", equalTo(id));
    }

    @Test
    void unknownFacetNameIs422WithTheThirtyValidFacets() {
        given().queryParam("sessionId", AnalysisFixtures.startSession()).queryParam("facetName", "intellectual_curiosity")
                .when().get("/api/evidence/facet")
                .then().statusCode(422)
                .body("_tag", equalTo("InvalidFacetNameError"))
                .body("facetName", equalTo("intellectual_curiosity"))
                .body("message", notNullValue())
                .body("validFacets", hasSize(30))
                .body("validFacets", contains(Facet.apiNames().toArray()));
        given().queryParam("sessionId", AnalysisFixtures.startSession()).queryParam("facetName", "Imagination")
                .when().get("/api/evidence/facet")
                .then().statusCode(422).body("_tag", equalTo("InvalidFacetNameError"));
    }

    @Test
    void malformedQueriesAre400NamingTheField() {
        given().queryParam("facetName", "imagination").when().get("/api/evidence/facet")
                .then().statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("sessionId"));
        given().queryParam("sessionId", "not-a-uuid").queryParam("facetName", "imagination").when().get("/api/evidence/facet")
                .then().statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("sessionId"));
        given().queryParam("sessionId", UUID.randomUUID().toString()).when().get("/api/evidence/facet")
                .then().statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("facetName"));
        given().when().get("/api/evidence/message/{id}", "12345")
                .then().statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("assessmentMessageId"));
    }

    @Test
    void messageEvidenceIsHighestScoreFirstTiesNewestFirst() {
        String session = AnalysisFixtures.startSession();
        UUID message = fixtures.userMessage(session, "Q", TEXT);
        UUID low = fixtures.insertEvidence(message, "imagination", 6, 80, 0, 44, t0);
        UUID tieOld = fixtures.insertEvidence(message, "intellect", 18, 85, 50, 82, t0.plusSeconds(1));
        UUID tieNew = fixtures.insertEvidence(message, "adventurousness", 18, 50, 8, 16, t0.plusSeconds(2));
        UUID mid = fixtures.insertEvidence(message, "cheerfulness", 12, 30, 59, 66, t0.plusSeconds(3));
        fixtures.insertEvidence(fixtures.userMessage(session, "Q2", TEXT), "imagination", 20, 90, 0, 7, t0);

        given().when().get("/api/evidence/message/{id}", message).then().statusCode(200)
                .body("id", contains(tieNew.toString(), tieOld.toString(), mid.toString(), low.toString()))
                .body("score", contains(18, 18, 12, 6))
                .body("assessmentMessageId", containsInAnyOrder(message.toString(), message.toString(), message.toString(),
                        message.toString()));
    }

    @Test
    void anOwnedSessionsEvidenceIsHiddenFromOtherCallers() {
        Accounts.Account owner = Accounts.signUp();
        String session = given().cookie(Accounts.COOKIE, owner.cookie()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/assessment/start").then().statusCode(200).extract().path("sessionId");
        UUID message = fixtures.userMessage(session, "Q", TEXT);
        fixtures.insertEvidence(message, "imagination", 16, 80, 0, 44, t0);

        given().cookie(Accounts.COOKIE, owner.cookie()).queryParam("sessionId", session).queryParam("facetName", "imagination")
                .when().get("/api/evidence/facet").then().statusCode(200).body("$", hasSize(1));
        given().cookie(Accounts.COOKIE, owner.cookie()).when().get("/api/evidence/message/{id}", message)
                .then().statusCode(200).body("$", hasSize(1));

        given().queryParam("sessionId", session).queryParam("facetName", "imagination")
                .when().get("/api/evidence/facet").then().statusCode(404).body("_tag", equalTo("SessionNotFound"));
        given().when().get("/api/evidence/message/{id}", message).then().statusCode(404)
                .body("_tag", equalTo("MessageNotFound"));
        Accounts.Account stranger = Accounts.signUp();
        given().cookie(Accounts.COOKIE, stranger.cookie()).when().get("/api/evidence/message/{id}", message)
                .then().statusCode(404).body("_tag", equalTo("MessageNotFound"))
                .body("assessmentMessageId", equalTo(message.toString()));
        given().when().get("/api/evidence/message/{id}", UUID.randomUUID()).then().statusCode(404)
                .body("_tag", equalTo("MessageNotFound"));
    }

    @Test
    void messageWithoutEvidenceIsAnEmptyList() {
        UUID message = fixtures.userMessage(AnalysisFixtures.startSession(), "Q", TEXT);
        given().when().get("/api/evidence/message/{id}", message).then().statusCode(200).body("$", hasSize(0));
    }
}
