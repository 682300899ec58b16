package dev.bigocean.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bigocean.identity.Accounts;
import dev.bigocean.identity.Accounts.Account;
import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.Trait;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ProfileIT {

    /** Facet scores per trait (O, C, E, A, N): traits 96 H, 84 H, 60 M, 90 H, 30 L → {@code HHMHL}. */
    static final int[] TRAIT_FACET_SCORES = {16, 14, 10, 15, 5};
    static final String QUOTE = "I paint the harbour at dawn";

    @Inject
    Pool pool;

    @Inject
    ProfileViews views;

    @ConfigProperty(name = "bigocean.frontend-url")
    String frontendUrl;

    final ObjectMapper mapper = new ObjectMapper();

    // ---- helpers ------------------------------------------------------------------------------------------------

    static String start() {
        return given().contentType(ContentType.JSON).body("{}").when().post("/api/assessment/start")
                .then().statusCode(200).extract().path("sessionId");
    }

    /** One user message and one evidence row per facet: every facet gets {@code confidence}, so overall = it. */
    void evidence(String sessionId, int confidence, int[] traitScores) {
        UUID session = UUID.fromString(sessionId);
        UUID message = UUID.randomUUID();
        Integer seq = pool.preparedQuery("SELECT coalesce(max(seq), 0) + 1 AS next FROM assessment_message WHERE session_id = $1")
                .execute(Tuple.of(session)).await().indefinitely().iterator().next().getInteger("next");
        sql("INSERT INTO assessment_message (id, session_id, seq, role, content) VALUES ($1, $2, $3, 'user', $4)",
                message, session, seq, QUOTE + " and then I feed my pet axolotl Quibble.");
        List<Tuple> rows = new ArrayList<>();
        for (Facet f : Facet.values()) {
            rows.add(Tuple.tuple(List.of(UUID.randomUUID(), session, message, f.apiName(),
                    (short) traitScores[f.trait().ordinal()], (short) confidence, QUOTE, 0, QUOTE.length())));
        }
        pool.preparedQuery("INSERT INTO facet_evidence (id, session_id, message_id, facet, score, confidence, quote, "
                + "highlight_start, highlight_end) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .executeBatch(rows).await().indefinitely();
    }

    String sharedSession(int confidence) {
        String session = start();
        evidence(session, confidence, TRAIT_FACET_SCORES);
        return session;
    }

    static Response share(String sessionId, Account asUser) {
        var request = given().contentType(ContentType.JSON).body("{\"sessionId\": \"" + sessionId + "\"}");
        if (asUser != null) {
            request.cookie(Accounts.COOKIE, asUser.cookie());
        }
        return request.when().post("/api/profile/share");
    }

    static String shareOk(String sessionId, Account asUser) {
        return share(sessionId, asUser).then().statusCode(200).extract().path("publicProfileId");
    }

    static Response view(String profileId, Account asUser) {
        var request = given();
        if (asUser != null) {
            request.cookie(Accounts.COOKIE, asUser.cookie());
        }
        return request.when().get("/api/profile/{id}", profileId);
    }

    static Response setVisibility(String profileId, Account asUser, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (asUser != null) {
            request.cookie(Accounts.COOKIE, asUser.cookie());
        }
        return request.when().patch("/api/profile/{id}/visibility", profileId);
    }

    /** A new account, signed up and signed in through the identity feature (its session cookie). */
    static Account newUser() {
        return Accounts.signUp();
    }

    /** What the identity feature does on claim: the session now belongs to the user. */
    void own(String sessionId, Account user) {
        sql("UPDATE assessment_session SET user_id = $2 WHERE id = $1", UUID.fromString(sessionId), UUID.fromString(user.userId()));
    }

    long viewCount(String profileId) {
        views.flush().await().indefinitely();
        return pool.preparedQuery("SELECT view_count FROM public_profile WHERE id = $1").execute(Tuple.of(UUID.fromString(profileId)))
                .await().indefinitely().iterator().next().getLong("view_count");
    }

    void sql(String statement, Object... params) {
        pool.preparedQuery(statement).execute(Tuple.from(params)).await().indefinitely();
    }

    // ---- share ---------------------------------------------------------------------------------------------------

    @Test
    void shareBelowSeventyIsProfileErrorWithTheCurrentConfidence() {
        String session = sharedSession(65);
        share(session, null).then().statusCode(422)
                .body("_tag", equalTo("ProfileError"))
                .body("message", containsString("65%"))
                .body("message", containsString("70%"))
                .body("overallConfidence", equalTo(65));
        assertEquals(0L, pool.preparedQuery("SELECT count(*) AS n FROM public_profile WHERE session_id = $1")
                .execute(Tuple.of(UUID.fromString(session))).await().indefinitely().iterator().next().getLong("n"));
    }

    @Test
    void aCompletedSessionBelowSeventySaysToStartANewAssessment() {
        String session = sharedSession(60);
        sql("UPDATE assessment_session SET status = 'completed' WHERE id = $1", UUID.fromString(session));
        share(session, null).then().statusCode(422)
                .body("_tag", equalTo("ProfileError"))
                .body("message", containsString("60%"))
                .body("message", containsString("start a new assessment"))
                .body("overallConfidence", equalTo(60));
        share(sharedSession(60), null).then().statusCode(422)
                .body("message", containsString("Keep talking with Nerin"));
    }

    @Test
    void newSessionWithoutEvidenceCannotBeShared() {
        share(start(), null).then().statusCode(422).body("_tag", equalTo("ProfileError")).body("message", containsString("0%"));
    }

    @Test
    void shareAtSeventyGivesPublicProfileWithLinkAndSecondCallReturnsTheSame() {
        String session = sharedSession(70);
        Response first = share(session, null);
        first.then().statusCode(200)
                .body("publicProfileId", matchesPattern("[0-9a-f-]{36}"))
                .body("isPublic", equalTo(true));
        String id = first.path("publicProfileId");
        first.then().body("shareableUrl", equalTo(frontendUrl + "/profile/" + id));

        share(session, null).then().statusCode(200).body("publicProfileId", equalTo(id)).body("isPublic", equalTo(true));
    }

    @Test
    void existingProfileIsReturnedEvenIfConfidenceDroppedSince() {
        String session = sharedSession(80);
        String id = shareOk(session, null);
        // Contradicting evidence: facet variance > 15 costs 30 points of confidence on every facet.
        evidence(session, 80, new int[] {0, 0, 0, 0, 20});
        given().when().get("/api/assessment/{id}/results", session).then().body("overallConfidence", equalTo(50));
        share(session, null).then().statusCode(200).body("publicProfileId", equalTo(id));
    }

    @Test
    void concurrentSharesOfOneSessionAllGetTheSameSingleProfile() throws Exception {
        String session = sharedSession(90);
        ExecutorService pool10 = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> share(session, null));
            }
            Set<String> ids = new HashSet<>();
            for (Future<Response> f : pool10.invokeAll(calls)) {
                Response r = f.get();
                assertEquals(200, r.statusCode(), r.asString());
                ids.add(r.path("publicProfileId"));
            }
            assertEquals(1, ids.size(), "one profile id for all: " + ids);
        } finally {
            pool10.shutdownNow();
        }
        assertEquals(1L, pool.preparedQuery("SELECT count(*) AS n FROM public_profile WHERE session_id = $1")
                .execute(Tuple.of(UUID.fromString(session))).await().indefinitely().iterator().next().getLong("n"));
    }

    @Test
    void malformedShareRequestsAre400NamingTheField() {
        given().contentType(ContentType.JSON).body("{not json").when().post("/api/profile/share").then().statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("body"));
        given().when().post("/api/profile/share").then().statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("body"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/profile/share").then().statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("sessionId"));
        given().contentType(ContentType.JSON).body("{\"sessionId\": \"nope\"}").when().post("/api/profile/share").then()
                .statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("sessionId"));
        given().contentType(ContentType.JSON).body("{\"sessionId\": {\"a\": 1}}").when().post("/api/profile/share").then()
                .statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("sessionId"))
                .body(not(containsString("Exception")));
    }

    @Test
    void unknownSessionIs404AndExpiredIs410() {
        String unknown = UUID.randomUUID().toString();
        share(unknown, null).then().statusCode(404).body("_tag", equalTo("SessionNotFound")).body("sessionId", equalTo(unknown));

        String session = sharedSession(90);
        sql("UPDATE assessment_session SET last_activity_at = now() - interval '400 days' WHERE id = $1", UUID.fromString(session));
        share(session, null).then().statusCode(410).body("_tag", equalTo("SessionExpired")).body("sessionId", equalTo(session));
    }

    @Test
    void someoneElsesSessionCannotBeSharedButTheOwnerCan() {
        Account owner = newUser();
        String session = sharedSession(90);
        own(session, owner);
        share(session, null).then().statusCode(404).body("_tag", equalTo("SessionNotFound"));
        share(session, newUser()).then().statusCode(404).body("_tag", equalTo("SessionNotFound"));
        shareOk(session, owner);
    }

    // ---- public view ---------------------------------------------------------------------------------------------

    @Test
    void publicViewHasExactlyTheReferenceShapeAndAgreesWithResults() throws Exception {
        Account owner = newUser();
        String session = sharedSession(75);
        own(session, owner);
        String id = shareOk(session, owner);

        Response response = view(id, null);
        response.then().statusCode(200);
        String raw = response.asString();
        JsonNode body = mapper.readTree(raw);

        assertEquals(List.of("archetypeName", "oceanCode", "description", "color", "traitSummary", "facets", "isPublic"),
                fieldNames(body));
        assertEquals("HHMHL", body.get("oceanCode").asText());
        assertEquals(Map.of("openness", "High", "conscientiousness", "High", "extraversion", "Medium", "agreeableness", "High",
                "neuroticism", "Low"), mapper.convertValue(body.get("traitSummary"), Map.class));
        assertEquals(List.of(Trait.values()).stream().map(Trait::apiName).toList(), fieldNames(body.get("traitSummary")));
        assertEquals(Facet.apiNames(), fieldNames(body.get("facets")));
        for (Facet f : Facet.values()) {
            JsonNode facet = body.get("facets").get(f.apiName());
            assertEquals(List.of("score", "confidence"), fieldNames(facet), f.apiName());
            assertEquals(TRAIT_FACET_SCORES[f.trait().ordinal()], facet.get("score").asDouble(), 0.0001, f.apiName());
            assertEquals(75, facet.get("confidence").asInt(), f.apiName());
        }
        assertEquals(true, body.get("isPublic").asBoolean());
        assertFalse(raw.contains(session), "no session id");
        assertFalse(raw.contains(owner.userId()), "no user id");
        assertFalse(raw.contains(id), "no profile id needed in the body");
        assertFalse(raw.contains(QUOTE), "no quotes");
        assertFalse(raw.contains("Quibble"), "no messages");

        // the session is owned: only its owner reads its results (identity's ownership rule)
        given().cookie(Accounts.COOKIE, owner.cookie()).when().get("/api/assessment/{id}/results", session).then()
                .statusCode(200)
                .body("oceanCode5", equalTo("HHMHL"))
                .body("archetypeName", equalTo(body.get("archetypeName").asText()))
                .body("archetypeDescription", equalTo(body.get("description").asText()))
                .body("archetypeColor", equalTo(body.get("color").asText()));
    }

    @Test
    void scoresAreComputedFromTheEvidenceAtReadTime() {
        String session = sharedSession(90);
        String id = shareOk(session, null);
        view(id, null).then().statusCode(200).body("oceanCode", equalTo("HHMHL"));
        // New, more confident evidence pulls extraversion up to High (recency and confidence weighting).
        evidence(session, 100, new int[] {16, 14, 20, 15, 5});
        view(id, null).then().statusCode(200)
                .body("traitSummary.extraversion", equalTo("High"))
                .body("oceanCode", equalTo(given().when().get("/api/assessment/{id}/results", session).path("oceanCode5")));
    }

    @Test
    void viewsAreCountedInTheDatabaseExceptTheOwnersAndRefusedOnes() {
        Account owner = newUser();
        String session = sharedSession(90);
        own(session, owner);
        String id = shareOk(session, owner);
        assertEquals(0, viewCount(id));

        view(id, null).then().statusCode(200);
        view(id, newUser()).then().statusCode(200);
        assertEquals(2, viewCount(id));

        view(id, owner).then().statusCode(200);
        assertEquals(2, viewCount(id), "the owner's own views are not counted");

        setVisibility(id, owner, "{\"isPublic\": false}").then().statusCode(200);
        view(id, null).then().statusCode(403);
        assertEquals(2, viewCount(id), "a refused view is not counted");
    }

    @Test
    void badOrUnknownProfileIds() {
        given().when().get("/api/profile/not-a-uuid").then().statusCode(400)
                .body("_tag", equalTo("ValidationError")).body("field", equalTo("publicProfileId"));
        String unknown = UUID.randomUUID().toString();
        view(unknown, null).then().statusCode(404).body("_tag", equalTo("ProfileNotFound"));
    }

    // ---- visibility ----------------------------------------------------------------------------------------------

    @Test
    void privateProfileIsForbiddenToOthersButVisibleToItsOwner() {
        Account owner = newUser();
        String session = sharedSession(90);
        own(session, owner);
        String id = shareOk(session, owner);

        setVisibility(id, owner, "{\"isPublic\": false}").then().statusCode(200).body("isPublic", equalTo(false));

        view(id, null).then().statusCode(403)
                .body("_tag", equalTo("ProfilePrivate")).body("publicProfileId", equalTo(id)).body("message", not(equalTo("")));
        view(id, newUser()).then().statusCode(403).body("_tag", equalTo("ProfilePrivate"));
        view(id, owner).then().statusCode(200).body("isPublic", equalTo(false)).body("oceanCode", equalTo("HHMHL"));
        // Sharing again returns the same, still private, profile: only the owner's PATCH changes visibility.
        share(session, owner).then().statusCode(200).body("publicProfileId", equalTo(id)).body("isPublic", equalTo(false));

        setVisibility(id, owner, "{\"isPublic\": true}").then().statusCode(200).body("isPublic", equalTo(true));
        view(id, null).then().statusCode(200).body("isPublic", equalTo(true));
    }

    @Test
    void visibilityNeedsTheAuthenticatedOwner() {
        Account owner = newUser();
        String session = sharedSession(90);
        own(session, owner);
        String id = shareOk(session, owner);

        setVisibility(id, null, "{\"isPublic\": false}").then().statusCode(401).body("_tag", equalTo("Unauthorized"));
        setVisibility(id, newUser(), "{\"isPublic\": false}").then().statusCode(401).body("_tag", equalTo("Unauthorized"));
        view(id, null).then().statusCode(200).body("isPublic", equalTo(true));

        // A profile of a still-anonymous session has no owner yet: nobody signed in may change it.
        String anonymous = sharedSession(90);
        String anonymousProfile = shareOk(anonymous, null);
        setVisibility(anonymousProfile, newUser(), "{\"isPublic\": false}").then().statusCode(401)
                .body("_tag", equalTo("Unauthorized"));
        // Once the session is claimed, it is its new owner's.
        Account claimer = newUser();
        own(anonymous, claimer);
        setVisibility(anonymousProfile, claimer, "{\"isPublic\": false}").then().statusCode(200).body("isPublic", equalTo(false));
    }

    @Test
    void unknownProfileIs404OnlyForSignedInCallers() {
        String unknown = UUID.randomUUID().toString();
        setVisibility(unknown, newUser(), "{\"isPublic\": false}").then().statusCode(404).body("_tag", equalTo("ProfileNotFound"));
        setVisibility(unknown, null, "{\"isPublic\": false}").then().statusCode(401).body("_tag", equalTo("Unauthorized"));
    }

    @Test
    void malformedVisibilityRequestsAre400() {
        Account owner = newUser();
        String session = sharedSession(90);
        own(session, owner);
        String id = shareOk(session, owner);
        for (String bad : List.of("{}", "{\"isPublic\": null}", "{\"isPublic\": \"false\"}", "{\"isPublic\": 0}")) {
            setVisibility(id, owner, bad).then().statusCode(400)
                    .body("_tag", equalTo("ValidationError")).body("field", equalTo("isPublic"));
        }
        setVisibility(id, owner, "{nope").then().statusCode(400).body("_tag", equalTo("ValidationError")).body("field", equalTo("body"));
        setVisibility("not-a-uuid", owner, "{\"isPublic\": true}").then().statusCode(400).body("field", equalTo("publicProfileId"));
        view(id, null).then().statusCode(200).body("isPublic", equalTo(true));
        Row row = pool.preparedQuery("SELECT is_public FROM public_profile WHERE id = $1").execute(Tuple.of(UUID.fromString(id)))
                .await().indefinitely().iterator().next();
        assertEquals(true, row.getBoolean("is_public"));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
