package dev.bigocean.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every WARN and ERROR the application logs (any logger) from construction until {@link #close()}: for tests
 * that a fault or a retry is handled without a log line an operator would have to read. {@link #capture(Level)} collects
 * from another level.
 */
public final class Warnings extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level minimum;

    private Warnings(Level minimum) {
        this.minimum = minimum;
    }

    public static Warnings capture() {
        return capture(Level.WARNING);
    }

    /** Collects the records at {@code minimum} and above instead (INFO, for a test of a recovery's line). */
    public static Warnings capture(Level minimum) {
        Warnings warnings = new Warnings(minimum);
        Logger.getLogger("").addHandler(warnings);
        return warnings;
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Whether nothing collected so far is an ERROR or carries a stack trace. */
    public boolean noErrorOrStackTrace() {
        return noErrorOrStackTrace(records);
    }

    /** Whether none of {@code records} is an ERROR (or worse) or carries a stack trace. */
    public static boolean noErrorOrStackTrace(List<LogRecord> records) {
        return records.stream().allMatch(r -> r.getLevel().intValue() < Level.SEVERE.intValue() && r.getThrown() == null);
    }

    /** One line per record: level, logger, message, and whether it carried a stack trace. */
    public List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                + (r.getThrown() == null ? "" : " [with stack trace]")).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= minimum.intValue()) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
