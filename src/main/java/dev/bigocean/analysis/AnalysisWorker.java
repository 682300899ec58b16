package dev.bigocean.analysis;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.bigocean.analysis.AnalysisJobRepository.Claim;
import dev.bigocean.platform.OutageLog;
import dev.bigocean.web.ErrorMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The analysis workers of this instance: {@code workers} concurrent loops that claim and analyse jobs until the queue
 * is empty, then sleep until a {@code NOTIFY analysis_jobs} (a reconnecting LISTEN connection), a retry timer or the
 * safety-net poll wakes them. On shutdown they stop claiming, let in-flight jobs finish for a grace period and hand
 * back the leases of those that did not. Exactly-once evidence does not depend on any of this: it is the fenced
 * completion in {@link AnalysisJobRepository#complete}.
 */
@ApplicationScoped
public class AnalysisWorker {

    static final String CHANNEL = "analysis_jobs";
    private static final Logger LOG = Logger.getLogger(AnalysisWorker.class);

    private final AnalysisJobRepository jobs;
    private final AnalysisService service;
    private final AnalysisConfig config;
    private final Vertx vertx;

    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong wakeups = new AtomicLong();
    private final Map<UUID, Claim> inFlight = new ConcurrentHashMap<>();
    private volatile boolean running;
    /** The database failing the poll, a worker loop or the LISTEN connection: one WARN until a poll succeeds. */
    private final OutageLog outage = new OutageLog(LOG, "Analysis poll works again");
    private volatile CountDownLatch idle = new CountDownLatch(0);
    private long pollTimer = -1;
    private volatile PgSubscriber subscriber;

    AnalysisWorker(AnalysisJobRepository jobs, AnalysisService service, AnalysisConfig config, Vertx vertx) {
        this.jobs = jobs;
        this.service = service;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * Starts the workers once every other start-up observer (default priority 2500) has run: a check that refuses the
     * start after this point would close the pool under running worker loops.
     */
    void onStart(@Observes @Priority(5000) StartupEvent event) {
        if (config.enabled()) {
            start();
        } else {
            LOG.info("Analysis workers are disabled on this instance (bigocean.analysis.enabled=false)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the worker loops, the LISTEN connection and the poll; drains whatever is already queued. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        listen();
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> poll());
        LOG.infof("Analysis workers started: %d worker(s), lease %s, %d attempt(s), backoff %s", config.workers(),
                config.lease(), config.maxAttempts(), config.backoff());
        wake();
    }

    /**
     * Stops claiming, waits up to {@code shutdownGrace} for in-flight jobs, then hands back the leases still held so
     * another instance (or the next start) takes them at once. Runs on the shutdown (or test) thread, never the event
     * loop, so waiting here blocks nothing else.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
            pollTimer = -1;
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
            subscriber = null;
        }
        try {
            if (!idle.await(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                CountDownLatch released = new CountDownLatch(inFlight.size());
                for (Claim claim : inFlight.values()) {
                    jobs.release(claim).subscribe().with(ok -> released.countDown(), failure -> released.countDown());
                }
                LOG.warnf("Analysis workers stopped with %d job(s) in flight; their leases were handed back", inFlight.size());
                released.await(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Analysis workers stopped");
    }

    boolean running() {
        return running;
    }

    /**
     * Something may be ready: start idle worker loops (never more than {@code workers} at once, and at most
     * {@code workers} per call: a loop that fails at once, on a closed pool, ends before this returns, and starting
     * until all were busy would start it again and again).
     */
    void wake() {
        wakeups.incrementAndGet();
        int started = 0;
        while (running && started < config.workers()) {
            int n = active.get();
            if (n >= config.workers()) {
                return;
            }
            if (active.compareAndSet(n, n + 1)) {
                if (n == 0) {
                    idle = new CountDownLatch(1);
                }
                started++;
                drain();
            }
        }
    }

    /** One worker loop: process jobs until none is ready, then go idle (or go on if a wake-up came meanwhile). */
    private void drain() {
        long seen = wakeups.get();
        processOnce().subscribe().with(processed -> {
            if (processed && running) {
                drain();
            } else {
                idle(seen);
            }
        }, failure -> {
            if (ErrorMapper.isDatabaseUnavailable(failure)) {
                databaseAway("Analysis worker cannot use PostgreSQL", failure);
            } else if (ErrorMapper.isPoolExhausted(failure)) {
                ErrorMapper.poolBusy("an analysis worker retries after the poll interval");
            } else {
                LOG.errorf(failure, "Analysis worker loop failed; retrying after the poll interval");
            }
            idle(Long.MIN_VALUE);
        });
    }

    /**
     * A poll or a worker loop failed on the database: logged once until a poll succeeds (the poll retries every
     * interval; logged each time, a PostgreSQL restart wrote a line every 5 s and a stack trace per worker loop).
     */
    private void databaseAway(String what, Throwable failure) {
        outage.failed(what, failure.toString(),
                "a poll succeeds; the poll retries every " + config.pollInterval().toMillis() + " ms");
    }

    private void idle(long seen) {
        if (active.decrementAndGet() == 0) {
            idle.countDown();
        }
        if (seen != Long.MIN_VALUE && wakeups.get() != seen) {
            wake();
        }
    }

    /**
     * Claims one ready job and analyses it; true if there was one. Works whether or not the loops run, so tests (and
     * the benchmark) can drive the queue step by step.
     */
    Uni<Boolean> processOnce() {
        return processOnce(config.lease());
    }

    Uni<Boolean> processOnce(Duration lease) {
        return jobs.claim(lease, config.maxAttempts()).flatMap(claim -> {
            if (claim == null) {
                return Uni.createFrom().item(false);
            }
            inFlight.put(claim.jobId(), claim);
            long heartbeat = vertx.setPeriodic(Math.max(1, lease.toMillis() / 3), id -> renew(claim, lease));
            return service.process(claim)
                    .onItem().invoke(processed -> {
                        if (processed.outcome() == AnalysisService.Outcome.RETRY && running) {
                            vertx.setTimer(Math.max(1, processed.retryIn().toMillis()), id -> wake());
                        }
                    })
                    .onTermination().invoke(() -> {
                        vertx.cancelTimer(heartbeat);
                        inFlight.remove(claim.jobId());
                    })
                    .replaceWith(true);
        });
    }

    /** Keeps the lease of a job in flight, so it only runs out when this worker is gone. */
    private void renew(Claim claim, Duration lease) {
        jobs.renew(claim, lease).subscribe().with(
                renewed -> {
                    if (!renewed) {
                        LOG.debugf("Analysis job %s is no longer leased by this worker", claim.jobId());
                    }
                },
                failure -> LOG.warnf("Could not renew the lease of analysis job %s: %s", claim.jobId(), failure.getMessage()));
    }

    /** The safety net: fail jobs abandoned on their last attempt, then look for ready work. */
    private void poll() {
        jobs.failAbandoned(config.maxAttempts()).subscribe().with(ids -> {
            outage.succeeded();
            if (!ids.isEmpty()) {
                LOG.errorf("Analysis job(s) %s FAILED: the lease of their last attempt expired", ids);
            }
            wake();
        }, failure -> databaseAway("Analysis poll failed", failure));
    }

    private void listen() {
        AnalysisConfig.Listen server = config.listen();
        if (server.url().isEmpty()) {
            LOG.warn("No reactive datasource URL: analysis workers rely on polling only");
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(server.url().get().replaceFirst("^vertx-reactive:", ""));
        server.username().ifPresent(options::setUser);
        server.password().ifPresent(options::setPassword);
        PgSubscriber pg = PgSubscriber.subscriber(io.vertx.mutiny.core.Vertx.newInstance(vertx), options)
                .reconnectPolicy(retries -> running ? Math.min(30_000L, 500L << Math.min(retries, 6)) : -1L);
        pg.channel(CHANNEL)
                .subscribeHandler(() -> {
                    LOG.debugf("Listening on %s", CHANNEL);
                    wake();
                })
                .handler(payload -> wake());
        pg.closeHandler(() -> {
            if (running && subscriber == pg) { // not one that failed to connect and is being replaced (relisten)
                LOG.warn("LISTEN connection for analysis jobs closed; the poll covers the gap");
            }
        });
        subscriber = pg;
        pg.connect().subscribe().with(ok -> LOG.debugf("LISTEN connection for %s open", CHANNEL), failure -> {
            if (ErrorMapper.isDatabaseUnavailable(failure)) {
                // Part of the outage the poll reports: one WARN for both until a poll succeeds.
                databaseAway("LISTEN connection for analysis jobs failed; the poll covers it, retrying", failure);
            } else {
                LOG.warnf("LISTEN connection for analysis jobs failed (%s); the poll covers it, retrying", failure.getMessage());
            }
            vertx.setTimer(config.pollInterval().toMillis(), id -> relisten(pg));
        });
    }

    /**
     * Replaces a subscriber whose connection failed. Closing one whose connection got as far as the server calls its close
     * handler; it is no longer {@link #subscriber} by then, so that close is not reported as a lost connection (it was
     * reported as the failure, or as part of the outage, already).
     */
    private synchronized void relisten(PgSubscriber failed) {
        if (running && subscriber == failed) {
            subscriber = null;
            failed.closeAndForget();
            listen();
        }
    }
}
