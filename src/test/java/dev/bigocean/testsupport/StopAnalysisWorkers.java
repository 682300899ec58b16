package dev.bigocean.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.bigocean.analysis.AnalysisWorker;
import io.quarkus.arc.Arc;

/**
 * For a test class that starts the analysis workers itself: stops them after its tests, so that they never take stub
 * replies meant for the next class (the application, and so the workers, outlive one test class).
 */
public class StopAnalysisWorkers implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        if (Arc.container() != null) {
            Arc.container().instance(AnalysisWorker.class).get().stop();
        }
    }
}
