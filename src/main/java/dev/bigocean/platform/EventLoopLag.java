package dev.bigocean.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * How long this instance's Vert.x event loops have been behind: each loop runs a tick every {@link #PERIOD_MS} ms,
 * scheduled on the loop itself, so a loop busy with a backlog of work, or every thread stopped by the garbage collector,
 * shows as a tick that comes late. {@link #stalledNanos()} is the time the ticks have come late in total, summed over
 * the loops and including each loop's current delay; the difference of two readings is how long the loops were behind
 * in between. A reply from another server is read on an event loop, so a call that got no reply in time tells that the
 * server did not answer only if the loops were keeping up meanwhile.
 */
@ApplicationScoped
public class EventLoopLag {

    static final long PERIOD_MS = 50;
    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);

    /** Per loop: its latest tick. Empty until the application has started. */
    private volatile AtomicReferenceArray<Tick> ticks = new AtomicReferenceArray<>(0);

    /** A loop's latest tick: when it ran ({@link System#nanoTime}), and how late its ticks have come in total. */
    private record Tick(long at, long late) {
    }

    /** The ticks' schedules, cancelled when the application stops (dev mode's live reload keeps the event loops). */
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    void start(@Observes StartupEvent event, Vertx vertx) {
        List<EventExecutor> loops = new ArrayList<>();
        vertx.nettyEventLoopGroup().forEach(loops::add);
        AtomicReferenceArray<Tick> started = new AtomicReferenceArray<>(loops.size());
        Tick first = new Tick(System.nanoTime(), 0);
        for (int i = 0; i < loops.size(); i++) {
            started.set(i, first);
        }
        ticks = started;
        for (int i = 0; i < loops.size(); i++) {
            int loop = i;
            schedules.add(loops.get(i).scheduleWithFixedDelay(() -> tick(loop), PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        schedules.forEach(schedule -> schedule.cancel(false));
        schedules.clear();
    }

    /** On loop {@code loop}: notes this tick, with how late it came. */
    void tick(int loop) {
        long now = System.nanoTime();
        Tick last = ticks.get(loop);
        ticks.set(loop, new Tick(now, last.late() + Math.max(0, now - last.at() - PERIOD)));
    }

    /**
     * The time the event loops have been behind since the start, summed over the loops, each loop's current delay (a
     * tick overdue now) included. Only differences between two readings mean anything.
     */
    public long stalledNanos() {
        AtomicReferenceArray<Tick> all = ticks;
        long now = System.nanoTime();
        long total = 0;
        for (int i = 0; i < all.length(); i++) {
            Tick tick = all.get(i);
            total += tick.late() + Math.max(0, now - tick.at() - PERIOD);
        }
        return total;
    }
}
