package dev.bigocean.limits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The days the limits count in: UTC days, each ending at the next 00:00 UTC, when budgets and start slots reset. */
public final class UtcDays {

    private UtcDays() {
    }

    /** Today, in UTC. */
    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The end of {@code day}: 00:00 UTC of the day after it. */
    public static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
