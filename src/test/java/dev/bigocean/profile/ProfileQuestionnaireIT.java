package dev.bigocean.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.identity.Accounts.Account;
import dev.bigocean.questionnaire.Inventory;
import dev.bigocean.scoring.Facet;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.EvidenceRows;
import dev.bigocean.testsupport.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** The owner decides whether the public profile shows the questionnaire; by default it does not. */
@QuarkusTest
class ProfileQuestionnaireIT {

    @Inject
    Pool pool;

    @Test
    void theQuestionnaireIsShownOnlyWhenTheOwnerChooses() {
        Account owner = Accounts.signUp();
        String session = Api.startSession();
        String message = given().get("/api/assessment/{id}/resume", session).then().extract().path("messages[0].id");
        for (Facet f : Facet.values()) {
            EvidenceRows.insert(pool, session, message, f, 12, 90);
        }
        Sql.update("UPDATE assessment_session SET user_id = ?::uuid WHERE id = ?::uuid", owner.userId(), session);
        String body = Inventory.fromClasspath().items().stream().map(i -> "\"" + i.id() + "\": 3")
                .collect(Collectors.joining(", ", "{\"answers\": {", "}}"));
        given().cookie(Accounts.COOKIE, owner.cookie()).contentType(ContentType.JSON).body(body)
                .put("/api/assessment/{id}/questionnaire", session).then().statusCode(200);
        String id = ProfileIT.shareOk(session, owner);

        // default: the view is exactly what it was before the questionnaire existed
        ProfileIT.view(id, null).then().statusCode(200)
                .body("$", not(hasKey("questionnaire"))).body("$", not(hasKey("agreement")));

        // only the owner may turn it on; isPublic is optional when showQuestionnaire is given
        ProfileIT.setVisibility(id, Accounts.signUp(), "{\"showQuestionnaire\": true}").then().statusCode(401);
        ProfileIT.setVisibility(id, owner, "{\"showQuestionnaire\": \"yes\"}").then().statusCode(400)
                .body("field", equalTo("showQuestionnaire"));
        ProfileIT.setVisibility(id, owner, "{\"showQuestionnaire\": true}").then().statusCode(200)
                .body("isPublic", equalTo(true)).body("showQuestionnaire", equalTo(true));
        ProfileIT.view(id, null).then().statusCode(200)
                .body("facets.imagination.score", equalTo(12.0f))
                .body("questionnaire.itemsAnswered", equalTo(120))
                .body("questionnaire.facets[0].score", equalTo(10.0f))
                .body("questionnaire.traits[0].level", equalTo("M"))
                .body("agreement.facets[0].difference", equalTo(2.0f))
                .body("agreement.facets[0].label", equalTo("agree"))
                .body("agreement.overallAgreement", equalTo(100));

        // changing isPublic alone keeps the choice; turning it off hides it again
        ProfileIT.setVisibility(id, owner, "{\"isPublic\": false}").then().statusCode(200)
                .body("isPublic", equalTo(false)).body("showQuestionnaire", equalTo(true));
        ProfileIT.setVisibility(id, owner, "{\"isPublic\": true, \"showQuestionnaire\": false}").then().statusCode(200)
                .body("showQuestionnaire", equalTo(false));
        ProfileIT.view(id, null).then().statusCode(200).body("$", not(hasKey("questionnaire")));
    }
}
