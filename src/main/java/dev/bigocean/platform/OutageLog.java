package dev.bigocean.platform;

import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * How work that depends on something outside this service logs its failures: the first failure of an outage at WARN,
 * the ones after it at DEBUG, and the first success after them at INFO with how many there were. However long an outage
 * lasts and however many requests meet it, it is two lines in the log, on the logger of the work that met it.
 * Thread-safe; a success while nothing failed costs one volatile read.
 */
public final class OutageLog {

    private final Logger log;
    private final String recovered;
    /** Failures since the outage began; 0 while the work succeeds. */
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param log       the logger of the work that fails
     * @param recovered what the INFO line says when the work succeeds again, e.g. "Analysis poll works again"
     */
    public OutageLog(Logger log, String recovered) {
        this.log = log;
        this.recovered = recovered;
    }

    /**
     * A failure: {@code message} and what failed ({@code detail}) at WARN when it begins an outage, else at DEBUG. The
     * WARN line says that it is logged once until {@code until} (a poll succeeds, a turn completes …).
     */
    public void failed(String message, String detail, String until) {
        if (failures.getAndIncrement() == 0) {
            log.warn(message + ": " + detail + " (logged once until " + until + ")");
        } else {
            log.debugf("%s: %s", message, detail);
        }
    }

    /** A success: ends an outage with one INFO line, or does nothing when none was going on. */
    public void succeeded() {
        if (failures.get() != 0) {
            long failed = failures.getAndSet(0);
            if (failed > 0) {
                log.info(recovered + " (" + failed + " failure(s) since the outage began)");
            }
        }
    }
}
