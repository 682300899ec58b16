package dev.bigocean.conversation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.identity.Accounts;
import dev.bigocean.limits.CostBudget;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.Sql;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Nerin turns are costed: reserved before the model call, settled with the real usage, refused past the limit. */
@QuarkusTest
class TurnBudgetIT {

    private static final long MICROS_PER_CENT = 10_000;

    @Inject
    CostBudget budget;

    @Test
    void parallelTurnsOnANearlySpentBudgetNeverPassTheLimit() throws Exception {
        InfrastructureResource.stub().reset();
        InfrastructureResource.stub().respondWith(Stubs.nerin("Thank you. What do you enjoy most about your weekends?"));
        Accounts.Account user = Accounts.signUp();
        UUID userId = UUID.fromString(user.userId());
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID id = UUID.randomUUID();
            Sql.update("INSERT INTO assessment_session (id, user_id, status, message_count) VALUES (?, ?, 'active', 0)", id, userId);
            sessions.add(id.toString());
        }
        long limitMicros = budget.limitCents() * MICROS_PER_CENT;
        long alreadySpent = limitMicros - 3_000; // 0.3 cent left: room for a handful of turns only
        String key = CostBudget.key(userId, null);
        budget.reserve(key, alreadySpent).flatMap(r -> budget.settle(r, alreadySpent)).await().indefinitely();

        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Response>> calls = new ArrayList<>();
        for (String session : sessions) {
            calls.add(pool.submit(() -> given().cookie(Accounts.COOKIE, user.cookie()).contentType(ContentType.JSON)
                    .body(Map.of("sessionId", session, "message", "I like long walks and quiet evenings at home."))
                    .post("/api/assessment/message")));
        }
        int ok = 0;
        int refused = 0;
        for (Future<Response> call : calls) {
            Response r = call.get();
            if (r.statusCode() == 200) {
                ok++;
            } else {
                assertEquals(503, r.statusCode(), r.asString());
                assertEquals("CostLimitExceeded", r.path("_tag"));
                assertEquals(budget.limitCents(), ((Number) r.path("limit")).longValue());
                refused++;
            }
        }
        pool.shutdown();
        assertTrue(ok >= 1, "some turns fit in the remaining budget");
        assertTrue(refused >= 1, "the rest are refused");
        long settled = ((Number) Sql.single("""
                SELECT coalesce(sum(m.cost_micros), 0) FROM assessment_message m
                JOIN assessment_session s ON s.id = m.session_id WHERE s.user_id = ?""", userId)).longValue();
        assertTrue(settled > 0, "the answered turns were costed");
        assertTrue(alreadySpent + settled <= limitMicros,
                "settled spend " + (alreadySpent + settled) + " must stay within " + limitMicros);
        // The budget agrees: nothing more than the limit can be reserved now, and what is left is what was not settled.
        long left = limitMicros - alreadySpent - settled;
        budget.reserve(key, left).flatMap(r -> budget.release(r)).await().indefinitely();
    }
}
