package dev.bigocean.questionnaire;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.IpipNeo;
import dev.bigocean.scoring.Trait;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.EvidenceRows;
import dev.bigocean.testsupport.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/** The questionnaire over HTTP: items by language, answers merged and scored, validation and ownership. */
@QuarkusTest
class QuestionnaireIT {

    static final Inventory INVENTORY = Inventory.fromClasspath();

    @Inject
    Pool pool;

    /** {"answers": {…}} for the items, each answered by {@code answer}. */
    static String answers(List<Inventory.Item> items, ToIntFunction<Inventory.Item> answer) {
        return items.stream().map(i -> "\"" + i.id() + "\": " + answer.applyAsInt(i))
                .collect(Collectors.joining(", ", "{\"answers\": {", "}}"));
    }

    static ValidatableResponse put(String session, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().put("/api/assessment/{id}/questionnaire", session).then();
    }

    static List<Inventory.Item> itemsOf(Facet facet) {
        return INVENTORY.items().stream().filter(i -> i.facet() == facet).toList();
    }

    @Test
    void itemsInEnglishByDefault() {
        given().when().get("/api/questionnaire").then().statusCode(200)
                .body("language", equalTo("en"))
                .body("languages", hasSize(39))
                .body("languages[0].id", equalTo("en"))
                .body("choices", hasSize(5))
                .body("choices[0].value", equalTo(1))
                .body("choices[0].label", equalTo("Very Inaccurate"))
                .body("choices[4].label", equalTo("Very Accurate"))
                .body("items", hasSize(120))
                .body("items[0].id", equalTo("43c98ce8-a07a-4dc2-80f6-c1b2a2485f06"))
                .body("items[0].num", equalTo(1))
                .body("items[0].text", equalTo("Worry about things"))
                .body("items[0].facet", equalTo("anxiety"))
                .body("items[0].traitName", equalTo("neuroticism"))
                .body("items", everyItem(not(hasKey("keyed"))))
                .body("items", everyItem(not(hasKey("key"))));
    }

    @Test
    void theLanguageComesFromLangThenAcceptLanguageThenEnglish() {
        given().queryParam("lang", "de").when().get("/api/questionnaire").then().statusCode(200)
                .body("language", equalTo("de"))
                .body("choices[4].label", equalTo("Sehr zutreffend"))
                .body("items[0].id", equalTo("43c98ce8-a07a-4dc2-80f6-c1b2a2485f06"))
                .body("items[0].facet", equalTo("anxiety"));
        given().header("Accept-Language", "xx, ja;q=0.8, en;q=0.5").when().get("/api/questionnaire").then()
                .statusCode(200).body("language", equalTo("ja")).body("items[0].text", equalTo("心配性だ"));
        // lang wins over the header; a region falls back to its language; pt finds pt-BR
        given().queryParam("lang", "de-AT").header("Accept-Language", "ja").when().get("/api/questionnaire").then()
                .body("language", equalTo("de"));
        given().queryParam("lang", "pt").when().get("/api/questionnaire").then().body("language", equalTo("pt-BR"));
        // a well-formed language we do not have: the header, then English
        given().queryParam("lang", "kl").header("Accept-Language", "fr-CH, fr;q=0.9").when().get("/api/questionnaire")
                .then().statusCode(200).body("language", equalTo("fr"));
        given().queryParam("lang", "kl").when().get("/api/questionnaire").then().statusCode(200)
                .body("language", equalTo("en"));
        given().header("Accept-Language", "!!garbage;;").when().get("/api/questionnaire").then().statusCode(200)
                .body("language", equalTo("en"));
    }

    @Test
    void aMalformedLangIs400() {
        given().queryParam("lang", "not a language").when().get("/api/questionnaire").then().statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("lang"));
    }

    @Test
    void allHundredTwentyItemsInOneRequest() {
        String session = Api.startSession();
        // "Very Accurate" on every plus-keyed item, "Very Inaccurate" on every minus-keyed one: the top everywhere
        put(session, answers(INVENTORY.items(), i -> i.key() == IpipNeo.Key.PLUS ? 5 : 1)).statusCode(200)
                .body("itemsAnswered", equalTo(120))
                .body("itemsTotal", equalTo(120))
                .body("facets", hasSize(30))
                .body("facets.score", everyItem(equalTo(20.0f)))
                .body("facets.itemsAnswered", everyItem(equalTo(4)))
                .body("traits.name", equalTo(List.of("openness", "conscientiousness", "extraversion", "agreeableness",
                        "neuroticism")))
                .body("traits.score", everyItem(equalTo(120.0f)))
                .body("traits.level", everyItem(equalTo("H")));
        // "Very Accurate" everywhere: plus-keyed items count 5, minus-keyed 1
        put(session, answers(INVENTORY.items(), i -> 5)).statusCode(200)
                .body("itemsAnswered", equalTo(120))
                .body("facets.find { it.name == 'self_efficacy' }.score", equalTo(20.0f)) // four plus-keyed items
                .body("facets.find { it.name == 'cautiousness' }.score", equalTo(0.0f)) // four minus-keyed items
                .body("facets.find { it.name == 'trust' }.score", equalTo(15.0f)); // 5+5+5+1 = 16 -> (16 - 4) x 1.25
        assertEquals(1L, Sql.single("select count(*) from questionnaire_response where session_id = ?::uuid", session));
    }

    @Test
    void partialAnswersMergeAndAFacetScoresOnceComplete() {
        String session = Api.startSession();
        List<Inventory.Item> anxiety = itemsOf(Facet.ANXIETY); // four plus-keyed items
        put(session, answers(anxiety.subList(0, 2), i -> 4)).statusCode(200)
                .body("itemsAnswered", equalTo(2))
                .body("facets[24].name", equalTo("anxiety"))
                .body("facets[24].itemsAnswered", equalTo(2))
                .body("facets[24].score", nullValue())
                .body("traits[4].score", nullValue())
                .body("traits[4].level", nullValue());
        // the other two, and the first answered again (replaces the earlier answer)
        String rest = answers(List.of(anxiety.get(0), anxiety.get(2), anxiety.get(3)), i -> 2);
        put(session, rest).statusCode(200)
                .body("itemsAnswered", equalTo(4))
                .body("facets[24].itemsAnswered", equalTo(4))
                .body("facets[24].score", equalTo(7.5f)); // 2 (replaced) + 4 + 2 + 2 = 10 -> (10 - 4) x 1.25
    }

    @Test
    void answersResentUnchangedAreNotWrittenAgainAndStillScored() {
        String session = Api.startSession();
        List<Inventory.Item> anxiety = itemsOf(Facet.ANXIETY); // four plus-keyed items
        String version = "SELECT xmin::text || ' ' || updated_at::text FROM questionnaire_response WHERE session_id = ?::uuid";
        put(session, answers(anxiety, i -> 4)).statusCode(200).body("facets[24].score", equalTo(15.0f));
        Object stored = Sql.single(version, session);
        // the same answers again, then some of them: the row is not rewritten (same row version, same updated_at)
        put(session, answers(anxiety, i -> 4)).statusCode(200)
                .body("itemsAnswered", equalTo(4)).body("facets[24].score", equalTo(15.0f));
        put(session, answers(anxiety.subList(1, 3), i -> 4)).statusCode(200)
                .body("itemsAnswered", equalTo(4)).body("facets[24].score", equalTo(15.0f));
        assertEquals(stored, Sql.single(version, session));
        // one answer changed among unchanged ones: written
        put(session, answers(anxiety.subList(0, 2), i -> i == anxiety.get(0) ? 2 : 4)).statusCode(200)
                .body("itemsAnswered", equalTo(4)).body("facets[24].score", equalTo(12.5f)); // 2+4+4+4 = 14 -> 12.5
        assertNotEquals(stored, Sql.single(version, session));
        // an unchanged resend is checked as every request: an expired session is 410, not its stored scores
        Sql.update("UPDATE assessment_session SET last_activity_at = now() - interval '31 days' WHERE id = ?::uuid", session);
        put(session, answers(anxiety.subList(1, 2), i -> 4)).statusCode(410).body("_tag", equalTo("SessionExpired"));
    }

    @Test
    void concurrentAnswersAndResendsAllCount() throws Exception {
        String session = Api.startSession();
        Inventory.Item shared = INVENTORY.items().get(0);
        put(session, answers(List.of(shared), i -> 3)).statusCode(200);
        // 30 requests at once, each with one facet's four items and the shared item again (unchanged), and 30 resends
        // of the shared item alone: every facet's items are stored, none lost to another request
        List<Callable<Integer>> requests = new ArrayList<>();
        for (Facet facet : Facet.values()) {
            List<Inventory.Item> items = new ArrayList<>(itemsOf(facet));
            if (!items.contains(shared)) {
                items.add(shared);
            }
            requests.add(() -> put(session, answers(items, i -> i == shared ? 3 : 4)).extract().statusCode());
            requests.add(() -> put(session, answers(List.of(shared), i -> 3)).extract().statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            for (Future<Integer> status : pool.invokeAll(requests)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdown();
        }
        put(session, answers(List.of(shared), i -> 3)).statusCode(200).body("itemsAnswered", equalTo(120));
        assertEquals(120, QuestionnaireRepository.answers(
                Sql.single("SELECT answer_codes::text FROM questionnaire_response WHERE session_id = ?::uuid", session)).size());
    }

    @Test
    void resultsCompareTheConversationWithTheQuestionnaire() {
        String session = Api.startSession();
        given().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("$", hasKey("questionnaire")).body("questionnaire", nullValue())
                .body("$", hasKey("agreement")).body("agreement", nullValue());

        String message = given().get("/api/assessment/{id}/resume", session).then().extract().path("messages[0].id");
        // Conversation: anxiety 14 (confidence 80), anger 18 (80), depression 10 (30: too little evidence).
        EvidenceRows.insert(pool, session, message, Facet.ANXIETY, 14, 80);
        EvidenceRows.insert(pool, session, message, Facet.ANGER, 18, 80);
        EvidenceRows.insert(pool, session, message, Facet.DEPRESSION, 10, 30);
        // Questionnaire: every neuroticism item answered 4 ("Moderately Accurate").
        List<Inventory.Item> neuroticism = INVENTORY.items().stream()
                .filter(i -> i.facet().trait() == Trait.NEUROTICISM).toList();
        put(session, answers(neuroticism, i -> 4)).statusCode(200);

        given().get("/api/assessment/{id}/results", session).then().statusCode(200)
                // the conversation's fields are unchanged
                .body("facets[24].name", equalTo("anxiety"))
                .body("facets[24].score", equalTo(14.0f))
                .body("questionnaire.itemsAnswered", equalTo(24))
                // anxiety: four plus-keyed 4s -> 16 -> 15.0
                .body("questionnaire.facets[24].score", equalTo(15.0f))
                .body("questionnaire.facets[0].score", nullValue())
                .body("agreement.facets[24].name", equalTo("anxiety"))
                .body("agreement.facets[24].conversation", equalTo(14.0f))
                .body("agreement.facets[24].questionnaire", equalTo(15.0f))
                .body("agreement.facets[24].difference", equalTo(-1.0f))
                .body("agreement.facets[24].label", equalTo("agree"))
                // anger: three plus-keyed 4s and "Am not easily annoyed" (minus) 4 -> 4+4+4+2 = 14 -> 12.5
                .body("agreement.facets[25].questionnaire", equalTo(12.5f))
                .body("agreement.facets[25].difference", equalTo(5.5f))
                .body("agreement.facets[25].label", equalTo("differ"))
                .body("agreement.facets[26].label", equalTo("not_enough_evidence"))
                .body("agreement.facets[0].label", equalTo("not_enough_evidence"))
                .body("agreement.facets[0].difference", nullValue())
                .body("agreement.traits[4].name", equalTo("neuroticism"))
                // the conversation's neuroticism confidence is the minimum of its facets (0): not enough evidence
                .body("agreement.traits[4].label", equalTo("not_enough_evidence"))
                .body("agreement.facetsCompared", equalTo(2))
                .body("agreement.facetsAgreeing", equalTo(1))
                .body("agreement.overallAgreement", equalTo(50))
                .body("agreement.meanAbsoluteDifference", equalTo(3.3f)); // (1.0 + 5.5) / 2 = 3.25
    }

    @Test
    void resultsFollowEachChangeOfTheAnswersOrOfTheEvidenceAlone() {
        String session = Api.startSession();
        List<Inventory.Item> anxiety = itemsOf(Facet.ANXIETY);
        String message = given().get("/api/assessment/{id}/resume", session).then().extract().path("messages[0].id");
        given().get("/api/assessment/{id}/results", session).then().statusCode(200).body("questionnaire", nullValue());

        put(session, answers(anxiety.subList(0, 1), i -> 4)).statusCode(200);
        given().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("questionnaire.itemsAnswered", equalTo(1));
        put(session, answers(anxiety.subList(1, 2), i -> 4)).statusCode(200);
        given().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("questionnaire.itemsAnswered", equalTo(2)).body("facets[24].score", equalTo(10.0f));

        // The answers unchanged, one evidence row more: the conversation's side moves, the questionnaire's stays.
        EvidenceRows.insert(pool, session, message, Facet.ANXIETY, 14, 80);
        given().get("/api/assessment/{id}/results", session).then().statusCode(200)
                .body("questionnaire.itemsAnswered", equalTo(2)).body("facets[24].score", equalTo(14.0f));
    }

    @Test
    void invalidAnswersAre400NamingTheField() {
        String session = Api.startSession();
        String item = INVENTORY.items().get(0).id();
        String unknown = UUID.randomUUID().toString();
        put(session, "{\"answers\": {\"" + unknown + "\": 3}}").statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("answers." + unknown));
        for (String value : new String[] { "0", "6", "2.5", "\"3\"", "null", "true" }) {
            put(session, "{\"answers\": {\"" + item + "\": " + value + "}}").statusCode(400)
                    .body("_tag", equalTo("ValidationError")).body("field", equalTo("answers." + item));
        }
        put(session, "{}").statusCode(400).body("field", equalTo("answers"));
        put(session, "{\"answers\": {}}").statusCode(400).body("field", equalTo("answers"));
        put(session, "{\"answers\": [1, 2]}").statusCode(400).body("field", equalTo("answers"));
        put(session, "").statusCode(400).body("field", equalTo("body"));
        put(session, "[1, 2]").statusCode(400).body("field", equalTo("body"));
        put(session, "\"answers\"").statusCode(400).body("field", equalTo("body"));
        put(session, "{not json").statusCode(400).body("_tag", equalTo("ValidationError"));
        // nothing was stored by the refused requests
        assertEquals(0L, Sql.single("select count(*) from questionnaire_response where session_id = ?::uuid", session));
        // a valid answer next to an invalid one: the whole request is refused
        put(session, "{\"answers\": {\"" + item + "\": 3, \"" + unknown + "\": 3}}").statusCode(400);
        assertEquals(0L, Sql.single("select count(*) from questionnaire_response where session_id = ?::uuid", session));
    }

    @Test
    void sessionsAreCheckedAsEverywhere() {
        String body = answers(INVENTORY.items().subList(0, 1), i -> 3);
        put(UUID.randomUUID().toString(), body).statusCode(404).body("_tag", equalTo("SessionNotFound"));
        put("not-a-uuid", body).statusCode(400).body("field", equalTo("sessionId"));
        Accounts.Account alice = Accounts.signUp();
        String session = given().cookie(Accounts.COOKIE, alice.cookie()).contentType(ContentType.JSON).body("{}")
                .post("/api/assessment/start").then().statusCode(200).extract().path("sessionId");
        put(session, body).statusCode(404).body("_tag", equalTo("SessionNotFound"));
        given().cookie(Accounts.COOKIE, Accounts.signUp().cookie()).contentType(ContentType.JSON).body(body)
                .put("/api/assessment/{id}/questionnaire", session).then().statusCode(404);
        // the check and the write are one statement: a refused request stored nothing
        assertEquals(0L, Sql.single("select count(*) from questionnaire_response where session_id = ?::uuid", session));
        given().cookie(Accounts.COOKIE, alice.cookie()).contentType(ContentType.JSON).body(body)
                .put("/api/assessment/{id}/questionnaire", session).then().statusCode(200).body("itemsAnswered", equalTo(1));
    }

    @Test
    void anExpiredSessionIs410AndKeepsNothingWhileACompletedOneStillTakesAnswers() {
        String body = answers(INVENTORY.items().subList(0, 4), i -> 5);
        String idle = Api.startSession();
        String completed = Api.startSession();
        Sql.update("UPDATE assessment_session SET last_activity_at = now() - interval '31 days' WHERE id = ?::uuid", idle);
        Sql.update("UPDATE assessment_session SET last_activity_at = now() - interval '31 days', status = 'completed' "
                + "WHERE id = ?::uuid", completed);
        put(idle, body).statusCode(410).body("_tag", equalTo("SessionExpired"));
        assertEquals(0L, Sql.single("select count(*) from questionnaire_response where session_id = ?::uuid", idle));
        put(completed, body).statusCode(200).body("itemsAnswered", equalTo(4));
        assertEquals(1L, Sql.single("select count(*) from questionnaire_response where session_id = ?::uuid", completed));
    }

    @Test
    void answersStoredByEarlierSchemaVersionsAreCarriedOver() {
        // a database of its own, migrated to version 17 (answers by item id), 18 (by item number), 19 (as codes, the jsonb
        // column kept for the release before) and then to the current one (the jsonb column gone)
        String database = "migrations_" + UUID.randomUUID().toString().replace("-", "");
        Sql.update("CREATE DATABASE " + database);
        try {
            migrate(database, "17");
            List<Inventory.Item> anxiety = itemsOf(Facet.ANXIETY);
            UUID byId = UUID.randomUUID();
            UUID byNumber = UUID.randomUUID();
            String insert = "INSERT INTO questionnaire_response (session_id, answers) VALUES (?, ?::jsonb)";
            Sql.updateIn(database, "INSERT INTO assessment_session (id) VALUES (?), (?)", byId, byNumber);
            // before version 18: by id (one in upper case), with an unknown id and a value the service never took
            Sql.updateIn(database, insert, byId, "{\"" + anxiety.get(0).id().toUpperCase() + "\": 5, \"" + anxiety.get(1).id()
                    + "\": 1, \"" + anxiety.get(2).id() + "\": 7, \"not-an-item\": 3}");
            migrate(database, "18");
            // version 18's format, by item number: the first and the last item, with a number past the last and an
            // answer that is not a number (the service stored neither; they are not carried over)
            Sql.updateIn(database, insert, byNumber, "{\"1\": 2, \"120\": 4, \"121\": 3, \"5\": \"4\"}");
            migrate(database, "19");
            Map<UUID, Map<Integer, Integer>> stored = storedAnswers(database);
            assertEquals(Map.of(anxiety.get(0).num(), 5, anxiety.get(1).num(), 1), stored.get(byId));
            assertEquals(Map.of(1, 2, 120, 4), stored.get(byNumber));

            // the release before, still running while a rolling deploy replaces it, writes the jsonb column: what its
            // merge changes is carried into the codes, over the answers this release stored meanwhile
            UUID firstByOld = UUID.randomUUID();
            String merge = insert + " ON CONFLICT (session_id) "
                    + "DO UPDATE SET answers = questionnaire_response.answers || EXCLUDED.answers, updated_at = now()";
            Sql.updateIn(database, "INSERT INTO assessment_session (id) VALUES (?)", firstByOld);
            Sql.updateIn(database, "UPDATE questionnaire_response SET answer_codes = (answer_codes & ~('111' || repeat('0', 357))::bit(360)) "
                    + "| ('011' || repeat('0', 357))::bit(360) WHERE session_id = ?", byNumber); // this release: item 1 = 3
            Sql.updateIn(database, merge, byNumber, "{\"2\": 5, \"120\": 1}");
            Sql.updateIn(database, merge, firstByOld, "{\"7\": 4}");
            stored = storedAnswers(database);
            assertEquals(Map.of(1, 3, 2, 5, 120, 1), stored.get(byNumber));
            assertEquals(Map.of(7, 4), stored.get(firstByOld));

            // that release gone, the jsonb column, its triggers and functions are dropped and the codes stay as they were
            migrate(database, null);
            assertEquals(stored, storedAnswers(database));
            assertEquals(List.of(List.of(0L)), Sql.queryIn(database, "SELECT count(*) FROM information_schema.columns "
                    + "WHERE table_name = 'questionnaire_response' AND column_name = 'answers'"));
            assertEquals(List.of(List.of(0L)), Sql.queryIn(database, "SELECT count(*) FROM pg_proc "
                    + "WHERE proname IN ('questionnaire_codes', 'questionnaire_answers_written')"));
            assertEquals(List.of(List.of(0L)), Sql.queryIn(database, "SELECT count(*) FROM pg_trigger t "
                    + "JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relname = 'questionnaire_response' AND NOT t.tgisinternal"));
        } finally {
            Sql.update("DROP DATABASE " + database + " WITH (FORCE)");
        }
    }

    /** Migrates {@code database} to {@code version} (the newest when null), as the service's Flyway does. */
    private static void migrate(String database, String version) {
        var flyway = Flyway.configure().dataSource(Sql.database(database));
        (version == null ? flyway : flyway.target(version)).load().migrate();
    }

    /** Session → its stored answers (item number → answer) in {@code database}. */
    private static Map<UUID, Map<Integer, Integer>> storedAnswers(String database) {
        Map<UUID, Map<Integer, Integer>> stored = new HashMap<>();
        for (List<Object> row : Sql.queryIn(database, "SELECT session_id, answer_codes::text FROM questionnaire_response")) {
            stored.put((UUID) row.get(0), QuestionnaireRepository.answers(row.get(1)));
        }
        return stored;
    }

    @Test
    void answersAreStoredAsThreeBitsPerItemInItemOrder() {
        String session = Api.startSession();
        Inventory.Item first = INVENTORY.item(1).orElseThrow();
        Inventory.Item last = INVENTORY.item(IpipNeo.ITEM_COUNT).orElseThrow();
        put(session, answers(List.of(first, last), i -> i == first ? 5 : 2)).statusCode(200).body("itemsAnswered", equalTo(2));
        String codes = (String) Sql.single("SELECT answer_codes::text FROM questionnaire_response WHERE session_id = ?::uuid",
                session);
        assertEquals("101" + "0".repeat(354) + "010", codes);
        // the stored answers count with the next ones
        put(session, answers(itemsOf(Facet.FRIENDLINESS).subList(0, 1), i -> 3)).statusCode(200)
                .body("itemsAnswered", equalTo(3));
    }
}
