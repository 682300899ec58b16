package dev.bigocean.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Says at start-up where PostgreSQL and Redis are and whether the model roles are online or offline. */
@ApplicationScoped
class StartupLog {

    private static final Logger LOG = Logger.getLogger("dev.bigocean");

    void onStart(@Observes StartupEvent event, LlmConfig llm, PlatformConfig.Infrastructure infrastructure) {
        LOG.infof("Big Ocean starting: %s; nerin=%s, analyzer=%s", infrastructure.mode(),
                llm.nerinOffline() ? "OFFLINE" : "online", llm.analyzerOffline() ? "OFFLINE" : "online");
    }
}
