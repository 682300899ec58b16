package dev.bigocean.privacy;

import static dev.bigocean.privacy.PrivacyFixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/** Every endpoint tried with another user's ids (as another user and anonymously) reveals nothing of theirs. */
@QuarkusTest
class NoLeakIT {

    @Inject
    Pool pool;

    @Test
    void anotherUsersIdsRevealNothing() {
        Accounts.Account alice = Accounts.signUp();
        PrivacyFixtures.Filled filled = PrivacyFixtures.filledSession(alice, pool);
        as(alice).contentType(ContentType.JSON).body("{\"isPublic\": false}")
                .when().patch("/api/profile/{id}/visibility", filled.profileId()).then().statusCode(200);
        Accounts.Account bob = Accounts.signUp();

        List<Response> answers = new ArrayList<>();
        for (Accounts.Account other : new Accounts.Account[] { bob, null }) {
            String s = filled.sessionId();
            answers.add(expect(as(other).when().get("/api/assessment/{id}/resume", s), 404, "SessionNotFound"));
            answers.add(expect(as(other).when().get("/api/assessment/{id}/results", s), 404, "SessionNotFound"));
            answers.add(expect(as(other).contentType(ContentType.JSON).body(Map.of("sessionId", s, "message", "Hello"))
                    .when().post("/api/assessment/message"), 404, "SessionNotFound"));
            answers.add(expect(as(other).contentType(ContentType.JSON).body(Map.of("sessionId", s))
                    .when().post("/api/profile/share"), 404, "SessionNotFound"));
            answers.add(expect(as(other).queryParam("sessionId", s).queryParam("facetName", "imagination")
                    .when().get("/api/evidence/facet"), 404, "SessionNotFound"));
            for (String message : List.of(filled.userMessageId(), filled.assistantMessageId())) {
                answers.add(expect(as(other).when().get("/api/evidence/message/{id}", message), 404, "MessageNotFound"));
            }
            answers.add(expect(as(other).when().get("/api/profile/{id}", filled.profileId()), 403, "ProfilePrivate"));
            answers.add(expect(as(other).contentType(ContentType.JSON).body("{\"isPublic\": true}")
                    .when().patch("/api/profile/{id}/visibility", filled.profileId()), 401, "Unauthorized"));
            answers.add(expect(as(other).when().delete("/api/assessment/{id}", s), 404, "SessionNotFound"));
            answers.add(expect(as(other).contentType(ContentType.JSON).body(Map.of("userId", alice.userId()))
                    .when().post("/api/assessment/start"), 401, "Unauthorized"));
        }
        Response bobsExport = as(bob).when().get("/api/account/export");
        bobsExport.then().statusCode(200).body("account.id", equalTo(bob.userId()));
        answers.add(bobsExport);
        answers.add(expect(as(null).when().get("/api/account/export"), 401, "Unauthorized"));

        for (Response answer : answers) {
            String body = answer.asString();
            // (An error may echo the id it was asked about; it never shows content, owner or scores.)
            assertFalse(body.contains("quiet evenings") || body.contains(alice.userId()) || body.contains(alice.email())
                    || body.contains("oceanCode") || body.contains("\"quote\""), body);
        }
        // Alice's data is still all there for her.
        as(alice).when().get("/api/assessment/{id}/resume", filled.sessionId()).then().statusCode(200);
        as(alice).when().get("/api/profile/{id}", filled.profileId()).then().statusCode(200);
    }

    private static Response expect(Response response, int status, String tag) {
        response.then().statusCode(status).body("_tag", equalTo(tag));
        return response;
    }
}
