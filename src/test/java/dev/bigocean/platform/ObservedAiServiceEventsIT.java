package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.bigocean.analysis.ai.AnalyzerAi;
import dev.bigocean.conversation.ai.NerinAi;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.observability.api.AiServiceListenerRegistrar;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import io.quarkiverse.langchain4j.observability.AiServiceEvents;
import io.quarkiverse.langchain4j.observability.AiServiceSelector;
import io.quarkus.test.junit.QuarkusTest;

/**
 * AI-service events are fired as CDI events only where an observer hears them: the registry LangChain4j builds is this
 * service's, the events of Nerin's and the analyzer's calls have no observer, and an observer (here of {@link Probe}'s
 * completed calls, or quarkus-langchain4j's own of guardrail outcomes) still gets its events.
 */
@QuarkusTest
class ObservedAiServiceEventsIT {

    /** An AI service interface of this test only, whose completed calls {@link ProbeObserver} observes. */
    interface Probe {
    }

    @Singleton // no client proxy: the test reads its field
    static class ProbeObserver {
        final List<AiServiceCompletedEvent> heard = new CopyOnWriteArrayList<>();

        void completed(@Observes @AiServiceSelector(Probe.class) AiServiceCompletedEvent event) {
            heard.add(event);
        }
    }

    @Inject
    ProbeObserver observer;

    private final InvocationContext invocation = InvocationContext.builder().interfaceName(Probe.class.getName())
            .methodName("ask").userMessage(UserMessage.from("hello")).build();

    @BeforeEach
    void clear() {
        observer.heard.clear();
    }

    @Test
    void langChain4jBuildsThisServicesRegistry() {
        assertInstanceOf(ObservedAiServiceEvents.Registrar.class, AiServiceListenerRegistrar.newInstance());
    }

    @Test
    void theEventsOfEveryCallHaveNoObserver() {
        for (AiServiceEvents event : List.of(AiServiceEvents.STARTED, AiServiceEvents.REQUEST_ISSUED,
                AiServiceEvents.RESPONSE_RECEIVED, AiServiceEvents.COMPLETED, AiServiceEvents.ERROR)) {
            assertFalse(ObservedAiServiceEvents.observed(event.getEventClass(), NerinAi.class), event.name());
            assertFalse(ObservedAiServiceEvents.observed(event.getEventClass(), AnalyzerAi.class), event.name());
        }
        assertTrue(ObservedAiServiceEvents.observed(AiServiceCompletedEvent.class, Probe.class));
        assertFalse(ObservedAiServiceEvents.observed(AiServiceStartedEvent.class, Probe.class));
    }

    @Test
    void guardrailEventsKeepQuarkusLangChain4jsOwnObservers() {
        // quarkus-langchain4j counts guardrail outcomes in its metrics by observing these events
        assertTrue(ObservedAiServiceEvents.observed(AiServiceEvents.INPUT_GUARDRAIL_EXECUTED.getEventClass(), NerinAi.class));
        assertTrue(ObservedAiServiceEvents.observed(AiServiceEvents.OUTPUT_GUARDRAIL_EXECUTED.getEventClass(), NerinAi.class));
    }

    @Test
    void anObservedEventStillReachesItsObserver() {
        AiServiceListenerRegistrar registrar = registry(AiServiceListenerRegistrar.newInstance());
        registrar.fireEvent(completed());
        assertEquals(1, observer.heard.size());
    }

    @Test
    void aListenerLeftOutFiresNothing() {
        // The same registry, told that nothing is observed: the probe's observer then hears nothing.
        AiServiceListenerRegistrar registrar = registry(new ObservedAiServiceEvents.Registrar((event, aiService) -> false));
        registrar.fireEvent(completed());
        assertEquals(0, observer.heard.size());
    }

    /** {@code registrar} with a CDI-event listener per event type for {@link Probe}, as quarkus-langchain4j fills it. */
    private static AiServiceListenerRegistrar registry(AiServiceListenerRegistrar registrar) {
        for (AiServiceEvents event : AiServiceEvents.values()) {
            registrar.register(event.createListener(Probe.class));
        }
        return registrar;
    }

    private AiServiceCompletedEvent completed() {
        return AiServiceCompletedEvent.builder().invocationContext(invocation).result("hi").build();
    }
}
