package dev.bigocean.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.StopAnalysisWorkers;
import dev.bigocean.testsupport.Warnings;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The analysis workers go through a PostgreSQL outage of several poll intervals (1 s in tests) with one WARN, not one
 * per poll, and no ERROR or stack trace from their loops, whose connections the stop closed; once PostgreSQL is back
 * their poll says it works again.
 */
@QuarkusTest
@ExtendWith(StopAnalysisWorkers.class)
class AnalysisOutageIT {

    @Inject
    AnalysisWorker worker;

    @Test
    void anOutageIsLoggedOnceByThePoll() throws Exception {
        runThroughAnOutage(false);
    }

    /** Started while PostgreSQL is down, the workers' LISTEN connection fails too: still one WARN for the outage. */
    @Test
    void workersStartedDuringAnOutageLogItOnce() throws Exception {
        runThroughAnOutage(true);
    }

    private void runThroughAnOutage(boolean startDuringIt) throws Exception {
        Warnings info = Warnings.capture(Level.INFO);
        if (!startDuringIt) {
            worker.start();
        }
        List<LogRecord> logged;
        try (Warnings warnings = Warnings.capture()) {
            InfrastructureResource.stopPostgres();
            try {
                if (startDuringIt) {
                    worker.start();
                }
                Thread.sleep(5_000); // five polls fail
            } finally {
                InfrastructureResource.startPostgresAgain();
            }
            Thread.sleep(3_000); // the next polls succeed
            logged = warnings.records();
        } finally {
            worker.stop();
            info.close();
        }
        List<LogRecord> workers = logged.stream().filter(r -> r.getLoggerName().equals(AnalysisWorker.class.getName())).toList();
        assertEquals(1, workers.size(), "one WARN from the workers: " + logged.stream().map(LogRecord::getMessage).toList());
        assertTrue(Warnings.noErrorOrStackTrace(logged),
                "no ERROR and no stack trace: " + logged.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList());
        assertTrue(info.records().stream().anyMatch(r -> r.getMessage() != null
                && r.getMessage().startsWith("Analysis poll works again")), "the poll logged that it works again");
    }
}
