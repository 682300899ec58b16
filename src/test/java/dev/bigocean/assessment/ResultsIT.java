package dev.bigocean.assessment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.scoring.Archetype;
import dev.bigocean.scoring.Archetypes;
import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.Trait;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.EvidenceRows;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Stored evidence rows give exactly the scores, codes and archetype of domain.md §2–4. */
@QuarkusTest
class ResultsIT {

    @Inject
    Pool pool;

    @Test
    void resultsFollowTheStoredEvidence() {
        String session = Api.startSession();
        String message = given().get("/api/assessment/{id}/resume", session).then().extract().path("messages[0].id");
        // Imagination: the worked example (10,80),(20,80) → 15.2, confidence 80 - 30 = 50 (variance 25 > 15).
        EvidenceRows.insert(pool, session, message, Facet.IMAGINATION, 10, 80);
        EvidenceRows.insert(pool, session, message, Facet.IMAGINATION, 20, 80);
        // The other openness facets at 20 with confidence 90: openness = 15.238… + 5 × 20 = 115.2 → H.
        for (Facet f : Trait.OPENNESS.facets()) {
            if (f != Facet.IMAGINATION) {
                EvidenceRows.insert(pool, session, message, f, 20, 90);
            }
        }
        // Conscientiousness facets at 2: 12 → L.  Extraversion and agreeableness untouched: 60 → M.
        for (Facet f : Trait.CONSCIENTIOUSNESS.facets()) {
            EvidenceRows.insert(pool, session, message, f, 2, 60);
        }
        // Neuroticism facets at 14 with confidence 40: 84 → H.
        for (Facet f : Trait.NEUROTICISM.facets()) {
            EvidenceRows.insert(pool, session, message, f, 14, 40);
        }
        Archetype expected = Archetypes.fromClasspath().forCode4("3122");
        int overall = Math.round((50 + 5 * 90 + 6 * 60 + 6 * 40) / 30f);

        given().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("oceanCode5", equalTo("HLMMH"))
                .body("oceanCode4", equalTo("3122"))
                .body("archetypeName", equalTo(expected.name()))
                .body("archetypeDescription", equalTo(expected.description()))
                .body("archetypeColor", equalTo(expected.color()))
                .body("isCurated", equalTo(true))
                .body("facets[0].name", equalTo("imagination"))
                .body("facets[0].score", equalTo(15.2f))
                .body("facets[0].confidence", equalTo(50))
                .body("facets[6].name", equalTo("self_efficacy"))
                .body("facets[6].score", equalTo(2.0f))
                .body("traits[0].score", equalTo(115.2f))
                .body("traits[0].level", equalTo("H"))
                .body("traits[0].confidence", equalTo(50))
                .body("traits[1].score", equalTo(12.0f))
                .body("traits[1].level", equalTo("L"))
                .body("traits[2].score", equalTo(60.0f))
                .body("traits[2].confidence", equalTo(0))
                .body("traits[4].score", equalTo(84.0f))
                .body("traits[4].level", equalTo("H"))
                .body("overallConfidence", equalTo(overall));

        // The 0–1 map of /resume: mean of the trait's six facet confidences / 100, two decimals.
        given().get("/api/assessment/{id}/resume", session).then().statusCode(200)
                .body("confidence.openness", equalTo(0.83f))
                .body("confidence.conscientiousness", equalTo(0.6f))
                .body("confidence.extraversion", equalTo(0.0f))
                .body("confidence.neuroticism", equalTo(0.4f));
    }

    @Test
    void messagesAndEvidenceCountInTheirOrderNotInTheOrderTheyWereStored() {
        String session = Api.startSession();
        UUID id = UUID.fromString(session);
        UUID question = UUID.randomUUID();
        UUID answer = UUID.randomUUID();
        given().get("/api/assessment/{id}/resume", session).then().statusCode(200).body("messages", hasSize(1));
        given().get("/api/assessment/{id}/results", session).then().statusCode(200).body("facets[0].score", equalTo(10.0f));
        // The answer is stored before the question it follows (and below, its later evidence row before its earlier one),
        // each with the message count raised to its number, as every message is stored.
        sql("""
                WITH s AS (UPDATE assessment_session SET message_count = 3 WHERE id = $2)
                INSERT INTO assessment_message (id, session_id, seq, role, content) VALUES ($1, $2, 3, 'user', 'The answer')""",
                answer, id);
        sql("INSERT INTO assessment_message (id, session_id, seq, role, content) VALUES ($1, $2, 2, 'assistant', 'The question')",
                question, id);
        given().get("/api/assessment/{id}/resume", session).then().statusCode(200).body("messages", hasSize(3))
                .body("messages.content[1]", equalTo("The question")).body("messages.content[2]", equalTo("The answer"));

        sql("""
                INSERT INTO facet_evidence (id, session_id, message_id, facet, score, confidence, quote, highlight_start,
                                            highlight_end, created_at)
                VALUES ($1, $2, $3, 'imagination', 20, 80, 'The answer', 0, 10, now()),
                       ($4, $2, $3, 'imagination', 10, 80, 'The answer', 0, 10, now() - interval '1 minute')""",
                UUID.randomUUID(), id, answer, UUID.randomUUID());

        // The worked example again: (10,80) then (20,80) is 15.2; the other way round it would be 14.8.
        given().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("facets[0].score", equalTo(15.2f));
    }

    @Test
    void resumeFollowsNewMessagesAndNewConfidencesOfAKeptConversation() {
        String session = Api.startSession();
        UUID id = UUID.fromString(session);
        String opening = given().get("/api/assessment/{id}/resume", session).then().statusCode(200)
                .body("messages", hasSize(1)).body("confidence.openness", equalTo(0.0f))
                .extract().path("messages[0].id");
        // Read again while the first is kept: the messages are not read, the same answer comes back.
        given().get("/api/assessment/{id}/resume", session).then().statusCode(200)
                .body("messages", hasSize(1)).body("messages[0].id", equalTo(opening));

        // New evidence changes the confidences but not the messages: read again, with the new confidence.
        for (Facet f : Trait.OPENNESS.facets()) {
            EvidenceRows.insert(pool, session, opening, f, 20, 90);
        }
        given().get("/api/assessment/{id}/resume", session).then().statusCode(200)
                .body("messages", hasSize(1)).body("messages[0].id", equalTo(opening))
                .body("confidence.openness", equalTo(0.9f));
        given().get("/api/assessment/{id}/resume", session).then().statusCode(200)
                .body("messages", hasSize(1)).body("confidence.openness", equalTo(0.9f));

        // A new message, stored as every message is (the count raised to its number): the next read has it.
        sql("""
                WITH s AS (UPDATE assessment_session SET message_count = 2 WHERE id = $2)
                INSERT INTO assessment_message (id, session_id, seq, role, content) VALUES ($1, $2, 2, 'user', 'Hello')""",
                UUID.randomUUID(), id);
        given().get("/api/assessment/{id}/resume", session).then().statusCode(200)
                .body("messages", hasSize(2)).body("messages.content[1]", equalTo("Hello"))
                .body("messageCount", equalTo(2)).body("confidence.openness", equalTo(0.9f));
    }

    private void sql(String statement, Object... values) {
        pool.preparedQuery(statement).execute(Tuple.from(values)).await().indefinitely();
    }
}
