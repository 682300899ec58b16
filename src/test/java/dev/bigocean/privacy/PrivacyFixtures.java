package dev.bigocean.privacy;

import static io.restassured.RestAssured.given;

import java.util.Map;

import dev.bigocean.identity.Accounts;
import dev.bigocean.scoring.Facet;
import dev.bigocean.testsupport.EvidenceRows;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.Stubs;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/** A session with everything that can hang off it: messages, an analysis job, evidence on all 30 facets, a profile. */
final class PrivacyFixtures {

    record Filled(String sessionId, String userMessageId, String assistantMessageId, String profileId) {
    }

    private PrivacyFixtures() {
    }

    static RequestSpecification as(Accounts.Account account) {
        return account == null ? given() : given().cookie(Accounts.COOKIE, account.cookie());
    }

    /** Starts a session as {@code account} (null: anonymous), has one Nerin turn, adds evidence and shares it. */
    static Filled filledSession(Accounts.Account account, Pool pool) {
        InfrastructureResource.stub().respondWith(Stubs.nerin("Thank you. What do you enjoy most about your weekends?"));
        String session = as(account).contentType(ContentType.JSON).body("{}").when().post("/api/assessment/start")
                .then().statusCode(200).extract().path("sessionId");
        var turn = as(account).contentType(ContentType.JSON)
                .body(Map.of("sessionId", session, "message", "I love quiet evenings reading novels at home."))
                .when().post("/api/assessment/message").then().statusCode(200).extract();
        String userMessage = turn.path("userMessageId");
        for (Facet facet : Facet.values()) {
            EvidenceRows.insert(pool, session, userMessage, facet, 15, 90);
        }
        String profile = as(account).contentType(ContentType.JSON).body(Map.of("sessionId", session))
                .when().post("/api/profile/share").then().statusCode(200).extract().path("publicProfileId");
        return new Filled(session, userMessage, turn.path("assistantMessageId"), profile);
    }
}
