package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.logging.Level;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Warnings;

/** An outage is one WARN and one INFO on the caller's logger, however many failures it has; each outage anew. */
class OutageLogTest {

    private static final String CATEGORY = "dev.bigocean.platform.OutageLogTest.work";

    @Test
    void anOutageIsOneWarningAndOneRecovery() {
        List<String> lines;
        try (Warnings log = Warnings.capture(Level.INFO)) {
            OutageLog outage = new OutageLog(Logger.getLogger(CATEGORY), "The work works again");
            outage.succeeded();
            for (int i = 0; i < 5; i++) {
                outage.failed("The work failed", "java.net.ConnectException: refused " + i, "the work succeeds");
            }
            outage.succeeded();
            outage.succeeded();
            outage.failed("The work failed", "java.net.ConnectException: refused again", "the work succeeds");
            outage.succeeded();
            lines = log.records().stream().filter(r -> CATEGORY.equals(r.getLoggerName()))
                    .map(r -> r.getLevel() + " " + r.getMessage()).toList();
        }
        assertEquals(List.of(
                "WARN The work failed: java.net.ConnectException: refused 0 (logged once until the work succeeds)",
                "INFO The work works again (5 failure(s) since the outage began)",
                "WARN The work failed: java.net.ConnectException: refused again (logged once until the work succeeds)",
                "INFO The work works again (1 failure(s) since the outage began)"), lines);
    }
}
