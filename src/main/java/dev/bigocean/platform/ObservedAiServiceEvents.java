package dev.bigocean.platform;

import java.util.function.BiPredicate;

import dev.langchain4j.observability.api.AiServiceListenerRegistrar;
import dev.langchain4j.observability.api.DefaultAiServiceListenerRegistrar;
import dev.langchain4j.observability.api.event.AiServiceEvent;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.spi.observability.AiServiceListenerRegistrarFactory;
import io.quarkiverse.langchain4j.observability.AiServiceSelectorLiteral;
import io.quarkiverse.langchain4j.observability.listener.AiServiceListenerAdapter;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * Fires an AI service's events as CDI events only where a CDI observer would receive them. quarkus-langchain4j registers
 * a listener for each of eight event types (started, request issued, response received, completed, error, tool and
 * guardrail events) on every {@code @RegisterAiService} interface, and each of Nerin's and the analyzer's calls fires
 * four of them. Every one selects a new CDI {@code Event} with the AI service as qualifier, so ArC resolves the
 * observers again each time, although none observes them (about 5% of the service's CPU time in a burst of streamed
 * turns). LangChain4j builds each AI service's listener registry through this factory (its
 * {@code AiServiceListenerRegistrarFactory} service, registered in {@code META-INF/services}; hence public), and the
 * registry it makes leaves out a quarkus-langchain4j listener whose event type and AI service no observer method
 * matches. Events that are observed keep their listener: quarkus-langchain4j's own guardrail metrics, and any observer
 * added later (of an event interface such as {@code AiServiceCompletedEvent}, optionally with
 * {@code @AiServiceSelector}), which is looked up when the AI service is first used.
 */
public class ObservedAiServiceEvents implements AiServiceListenerRegistrarFactory {

    @Override
    public AiServiceListenerRegistrar get() {
        return new Registrar(ObservedAiServiceEvents::observed);
    }

    /**
     * Whether a CDI observer method would receive {@code event} fired for {@code aiService}, as quarkus-langchain4j
     * fires it (with {@code @AiServiceSelector(aiService)}). Without a running container nothing is left out.
     */
    static boolean observed(Class<?> event, Class<?> aiService) {
        ArcContainer arc = Arc.container();
        return arc == null || !arc.resolveObserverMethods(event,
                AiServiceSelectorLiteral.builder().aiServiceClass(aiService).build()).isEmpty();
    }

    /** LangChain4j's registry, without the CDI-event listeners no observer would hear. */
    static final class Registrar extends DefaultAiServiceListenerRegistrar {

        private final BiPredicate<Class<?>, Class<?>> observed;

        Registrar(BiPredicate<Class<?>, Class<?>> observed) {
            this.observed = observed;
        }

        @Override
        public <T extends AiServiceEvent> void register(AiServiceListener<T> listener) {
            if (listener instanceof AiServiceListenerAdapter<?> cdi
                    && !observed.test(cdi.eventClass(), cdi.aiServiceClass())) {
                return;
            }
            super.register(listener);
        }
    }
}
