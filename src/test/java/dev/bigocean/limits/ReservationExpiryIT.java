package dev.bigocean.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.web.ApiException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A reservation never settled (the call crashed) stops blocking the budget after its lifetime (2 s here). */
@QuarkusTest
@TestProfile(LowLimitsProfile.class)
class ReservationExpiryIT {

    @Inject
    CostBudget budget;

    @Test
    void anAbandonedReservationExpires() throws InterruptedException {
        String key = CostBudget.key(UUID.randomUUID(), null);
        budget.reserve(key, 7500 * 10_000L).await().indefinitely(); // never settled
        ApiException refused = assertThrows(ApiException.class, () -> budget.reserve(key, 1).await().indefinitely());
        assertEquals("CostLimitExceeded", refused.tag());
        Thread.sleep(2500);
        CostBudget.Reservation r = budget.reserve(key, 10_000).await().indefinitely();
        budget.settle(r, 10_000).await().indefinitely();
    }
}
