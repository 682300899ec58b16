package dev.bigocean.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.OpenAiStub;
import dev.bigocean.testsupport.StubReply;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/** Nerin's reply reaches the turn on an event loop, chunk by chunk, without passing through a worker thread. */
@QuarkusTest
class NerinAgentIT {

    private static final String REPLY = "Thank you for telling me. What would a perfect Sunday look like for you?";

    @Inject
    NerinAgent nerin;

    @Inject
    Vertx vertx;

    @Test
    void aReplyIsDeliveredOnTheEventLoopThatReadsIt() throws Exception {
        OpenAiStub stub = InfrastructureResource.stub();
        stub.reset();
        stub.respondWith(Stubs.nerin(StubReply.text(REPLY).delayBetweenChunks(Duration.ofMillis(50))));
        List<String> threads = new CopyOnWriteArrayList<>();
        StringBuilder text = new StringBuilder();
        CompletableFuture<NerinAgent.Completed> done = new CompletableFuture<>();
        NerinAgent.Prompt prompt = new NerinAgent.Prompt("(none yet)", "(none yet)", "imagination", "I like the sea.");
        vertx.getOrCreateContext().runOnContext(start -> nerin.open(prompt).subscribe().with(
                stream -> stream.events().subscribe().with(event -> {
                    threads.add(Thread.currentThread().getName());
                    if (event instanceof NerinAgent.Chunk chunk) {
                        text.append(chunk.text());
                    } else if (event instanceof NerinAgent.Completed completed) {
                        done.complete(completed);
                    }
                }, done::completeExceptionally), done::completeExceptionally));

        NerinAgent.Completed completed = done.get(20, TimeUnit.SECONDS);
        assertEquals(REPLY, text.toString());
        assertTrue(completed.response().tokenUsage().inputTokenCount() > 0, "the usage the model reported is kept");
        assertTrue(threads.size() > 2, "the reply came in several chunks: " + threads.size());
        List<String> elsewhere = threads.stream().filter(name -> !name.startsWith("vert.x-eventloop-thread"))
                .distinct().collect(Collectors.toList());
        assertEquals(List.of(), elsewhere, "every chunk is handed on by an event loop, never by a worker");
    }
}
