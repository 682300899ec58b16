package dev.bigocean.limits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * Runs the limits' Lua scripts in Redis and, when Redis fails or is slow, the in-memory fallback instead: no request
 * fails because Redis is down. After a failure Redis is left alone for {@code bigocean.outage.retry-after}, then tried
 * again; enforcement is back in Redis as soon as it answers. Results come back on the caller's Vert.x context.
 * <p>
 * An {@code ERR} reply is not an outage: Redis answered, a script or its arguments are wrong. That call is decided in
 * memory and logged as an error, but Redis stays in use for the next one. Every decision made in memory is counted in
 * {@code bigocean.redis.fallbacks} (tag {@code reason}: {@code unavailable} or {@code rejected}).
 */
@ApplicationScoped
class RedisGuard {

    private static final Logger LOG = Logger.getLogger(RedisGuard.class);

    private final ReactiveRedisDataSource redis;
    private final LimitsConfig.Outage config;
    private final MeterRegistry metrics;
    private volatile long downUntil;
    private volatile boolean down;

    RedisGuard(ReactiveRedisDataSource redis, LimitsConfig.Outage config, MeterRegistry metrics) {
        this.redis = redis;
        this.config = config;
        this.metrics = metrics;
    }

    static String script(String name) {
        try (InputStream in = RedisGuard.class.getResourceAsStream("/limits/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing Lua script limits/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether decisions are currently made in memory. */
    boolean degraded() {
        return down && System.currentTimeMillis() < downUntil;
    }

    /** Evaluates {@code script} in Redis and maps its reply, or answers {@code fallback} while Redis is unavailable. */
    <T> Uni<T> eval(String script, List<String> keys, List<String> args, Function<Response, T> reply, Supplier<T> fallback) {
        return Uni.createFrom().deferred(() -> {
            if (degraded()) {
                return Uni.createFrom().item(() -> {
                    fellBack("unavailable");
                    return fallback.get();
                });
            }
            String[] command = new String[2 + keys.size() + args.size()];
            command[0] = script;
            command[1] = String.valueOf(keys.size());
            int i = 2;
            for (String key : keys) {
                command[i++] = key;
            }
            for (String arg : args) {
                command[i++] = arg;
            }
            return bounded("EVAL", command)
                    .map(response -> {
                        T value = reply.apply(response);
                        up();
                        return value;
                    })
                    .onFailure().recoverWithItem(e -> {
                        if (isRejection(e)) {
                            LOG.errorf("Redis refused a limits script (%s): this call is decided in memory", e.getMessage());
                            fellBack("rejected");
                        } else {
                            down(e);
                            fellBack("unavailable");
                        }
                        return fallback.get();
                    });
        });
    }

    /**
     * Sends one command; its reply, or a {@link TimeoutException} after {@code bigocean.outage.redis-timeout}, comes back
     * on the caller's Vert.x context. On a context, the deadline is a timer on the context's own event loop, and the reply
     * makes one hop to it that also cancels the timer; off a context, Mutiny's timeout, on its shared scheduler.
     */
    private Uni<Response> bounded(String name, String[] args) {
        Context context = Vertx.currentContext();
        Uni<Response> call = redis.execute(name, args);
        if (context == null) {
            return call.ifNoItem().after(config.redisTimeout()).fail();
        }
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean settled = new AtomicBoolean();
            Cancellable[] sent = new Cancellable[1];
            // Both callbacks below run on the context after this task, so each sees the other's handle.
            long timer = context.owner().setTimer(Math.max(1, config.redisTimeout().toMillis()), id -> {
                if (settled.compareAndSet(false, true)) {
                    sent[0].cancel();
                    emitter.fail(new TimeoutException());
                }
            });
            sent[0] = call.subscribe().with(
                    response -> context.runOnContext(ignored -> {
                        if (settled.compareAndSet(false, true)) {
                            context.owner().cancelTimer(timer);
                            emitter.complete(response);
                        }
                    }),
                    failure -> context.runOnContext(ignored -> {
                        if (settled.compareAndSet(false, true)) {
                            context.owner().cancelTimer(timer);
                            emitter.fail(failure);
                        }
                    }));
            emitter.onTermination(() -> {
                if (settled.compareAndSet(false, true)) { // cancelled by the caller
                    context.owner().cancelTimer(timer);
                    sent[0].cancel();
                }
            });
        });
    }

    /** An error reply to a wrong command ({@code ERR …}); LOADING, READONLY, BUSY and the like are outages. */
    private static boolean isRejection(Throwable e) {
        return e instanceof io.vertx.redis.client.Response && e.getMessage() != null && e.getMessage().startsWith("ERR");
    }

    private void fellBack(String reason) {
        metrics.counter("bigocean.redis.fallbacks", "reason", reason).increment();
    }

    /**
     * Deletes {@code keys} (an erased user's or session's counters). While Redis is unavailable nothing is deleted:
     * every limit key expires by itself within two days, and holds counters only. True when Redis answered.
     */
    Uni<Boolean> delete(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        return Uni.createFrom().deferred(() -> bounded("DEL", keys.toArray(String[]::new))
                .map(response -> true)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not delete %d limit keys (they expire by themselves): %s", keys.size(), e.toString());
                    return false;
                }));
    }

    private void up() {
        if (down) {
            down = false;
            LOG.info("Redis answers again: rate limits, start limits and cost budgets are enforced in Redis");
        }
    }

    private void down(Throwable e) {
        downUntil = System.currentTimeMillis() + config.retryAfter().toMillis();
        if (!down) {
            down = true;
            LOG.warnf("Redis unavailable (%s): limits and budgets fall back to conservative per-instance counters", e.toString());
        }
    }
}
