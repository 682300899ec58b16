package dev.bigocean.limits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.bigocean.platform.EventLoopLag;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * Runs the limits' Lua scripts in Redis and, when Redis fails or is slow, the in-memory fallback instead: no request
 * fails because Redis is down. After a failure Redis is left alone for {@code bigocean.outage.retry-after}, then tried
 * again; enforcement is back in Redis as soon as it answers. Results come back on the caller's Vert.x context.
 * <p>
 * An {@code ERR} or {@code WRONGTYPE} reply is not an outage: Redis answered, a script, its arguments or a key are
 * wrong. That call is decided in memory and logged as an error, but Redis stays in use for the next one. Nor is one
 * slow call: when a command times out but Redis has answered another one in time since it was sent (a pool queue or an
 * event loop behind under a burst of load, not a Redis that stopped), or this instance's event loops were behind for
 * half the timeout or more meanwhile ({@link EventLoopLag}: a reply could not have been read), that call is decided in
 * memory and Redis stays in use. Commands that time out while queued for one of the pool's connections are this
 * instance's overload, not Redis's: Redis is left alone for {@code retry-after} as after an outage, so that the queue
 * drains, and the WARN says so. Every decision made in memory is counted in {@code bigocean.redis.fallbacks} (tag
 * {@code reason}: {@code unavailable}, {@code overloaded}, {@code rejected}, {@code slow} or {@code behind}).
 */
@ApplicationScoped
class RedisGuard {

    private static final Logger LOG = Logger.getLogger(RedisGuard.class);
    /** A Redis 6 script error's prefix, then the code of the error it quotes (OOM, READONLY …; absent for a Lua error). */
    private static final Pattern SCRIPT_ERROR =
            Pattern.compile("^ERR Error running script \\(call to [^)]*\\): (?:@user_script: ?\\d+: )+-?([A-Z][A-Z_]*) ");

    private final ReactiveRedisDataSource redis;
    private final LimitsConfig.Outage config;
    private final MeterRegistry metrics;
    private final EventLoopLag loops;
    /** The Redis client's pool size: commands beyond it wait for a connection. */
    private final int poolSize;
    /** Commands sent and not yet answered, failed or timed out. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long downUntil;
    private volatile boolean down;
    /** Why decisions are made in memory while down: {@link Fallback#UNAVAILABLE} or {@link Fallback#OVERLOADED}. */
    private volatile Fallback downReason = Fallback.UNAVAILABLE;
    /** {@link System#nanoTime} of the latest reply that came in time. */
    private volatile long lastAnswer = System.nanoTime();

    RedisGuard(ReactiveRedisDataSource redis, LimitsConfig.Outage config, MeterRegistry metrics, EventLoopLag loops,
            @ConfigProperty(name = "quarkus.redis.max-pool-size", defaultValue = "6") int poolSize) {
        this.redis = redis;
        this.config = config;
        this.metrics = metrics;
        this.loops = loops;
        this.poolSize = poolSize;
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
        return onCallersContext(() -> {
            if (degraded()) {
                return Uni.createFrom().item(() -> {
                    fellBack(downReason);
                    return fallback.get();
                });
            }
            List<String> command = new ArrayList<>(2 + keys.size() + args.size());
            command.add(script);
            command.add(String.valueOf(keys.size()));
            command.addAll(keys);
            command.addAll(args);
            return bounded("EVAL", command.toArray(String[]::new))
                    .map(response -> {
                        T value = reply.apply(response);
                        up();
                        return value;
                    })
                    .onFailure().recoverWithItem(e -> {
                        if (isRejection(e)) {
                            LOG.errorf("Redis refused a limits script (%s): this call is decided in memory", e.getMessage());
                            fellBack(Fallback.REJECTED);
                        } else if (e instanceof SlowReply slow) {
                            LOG.debugf("%s: this call is decided in memory", slow.getMessage());
                            fellBack(slow.reason);
                        } else {
                            down(e);
                            fellBack(downReason);
                        }
                        return fallback.get();
                    });
        });
    }

    /**
     * One command, failed after {@code bigocean.outage.redis-timeout} with what {@link #cause} makes of the silence: a
     * {@link SlowReply} (not an outage), {@link Overloaded} or a {@link TimeoutException} (Redis answers nothing).
     */
    private Uni<Response> bounded(String name, String[] args) {
        return Uni.createFrom().deferred(() -> {
            long sent = System.nanoTime();
            long stalled = loops.stalledNanos();
            int ahead = inFlight.getAndIncrement();
            return redis.execute(name, args)
                    .invoke(() -> lastAnswer = System.nanoTime())
                    .onTermination().invoke(inFlight::decrementAndGet)
                    .ifNoItem().after(config.redisTimeout())
                    .failWith(() -> unanswered(sent, stalled, ahead));
        });
    }

    /** The failure of a command sent at {@code sent} that got no reply within the timeout ({@link #cause}). */
    private RuntimeException unanswered(long sent, long stalled, int ahead) {
        return switch (cause(lastAnswer - sent > 0, ahead, poolSize, loops.stalledNanos() - stalled,
                config.redisTimeout().toNanos())) {
            case SLOW -> SlowReply.ANSWERED_OTHERS;
            case OVERLOADED -> new Overloaded(ahead, poolSize);
            case BEHIND -> SlowReply.UNHEARD;
            default -> new TimeoutException();
        };
    }

    /**
     * Why a command got no reply within the timeout ({@code timeoutNanos}), as far as this instance can tell:
     * <ul>
     * <li>{@code SLOW}: Redis answered another command in time since this one was sent, so this one was late or lost;
     * <li>{@code OVERLOADED}: it was sent while {@code ahead} other commands, at least the pool's size, were in flight,
     * so it queued for a connection: the instance sends more than the pool carries (Redis is then left alone for a
     * while, as after an outage, so that the queue drains);
     * <li>{@code BEHIND}: the event loops, which read the replies, were behind for half the timeout or more meanwhile
     * ({@code stalledNanos}, summed over the loops), so a reply may have come and not been read;
     * <li>{@code UNAVAILABLE}: else Redis answers nothing, an outage.
     * </ul>
     */
    static Fallback cause(boolean answeredOthers, int ahead, int poolSize, long stalledNanos, long timeoutNanos) {
        if (answeredOthers) {
            return Fallback.SLOW;
        }
        if (ahead >= poolSize) {
            return Fallback.OVERLOADED;
        }
        return stalledNanos >= timeoutNanos / 2 ? Fallback.BEHIND : Fallback.UNAVAILABLE;
    }

    /** Why a call was decided in memory: the {@code reason} tag of {@code bigocean.redis.fallbacks}. */
    enum Fallback {
        /** Redis answers nothing, or refuses connections: an outage. */
        UNAVAILABLE,
        /** Calls wait past the timeout for one of the pool's connections: this instance is overloaded. */
        OVERLOADED,
        /** Redis refused the script ({@code ERR}, {@code WRONGTYPE}): the call's fault, not an outage. */
        REJECTED,
        /** Redis answered other calls in time but not this one. */
        SLOW,
        /** The event loops that read replies were behind for half the timeout or more. */
        BEHIND;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    /** Commands that queue past the timeout for one of the pool's connections: this instance is overloaded. */
    private static final class Overloaded extends RuntimeException {
        Overloaded(int ahead, int poolSize) {
            super("Redis calls wait past the timeout for a connection (one was sent behind " + ahead
                    + " others on a pool of " + poolSize + "): this instance is overloaded", null, false, false);
        }
    }

    /** A command not answered in time for a reason other than Redis: not an outage. */
    private static final class SlowReply extends RuntimeException {

        /** Redis answered other calls meanwhile (this one waited in the pool's queue, or was lost). */
        static final SlowReply ANSWERED_OTHERS = new SlowReply(Fallback.SLOW,
                "Redis answered other calls but not this one in time");
        /**
         * This instance could not have read the reply in time: its event loops were behind (a backlog of work, or a
         * pause of the garbage collector) for at least half the timeout.
         */
        static final SlowReply UNHEARD = new SlowReply(Fallback.BEHIND,
                "A Redis call timed out while this instance's event loops were behind");

        final Fallback reason;

        private SlowReply(Fallback reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    /**
     * The Uni {@code call} makes when subscribed to, its outcome emitted on the subscriber's Vert.x context (captured at
     * subscription) when there is one: the request goes on where it was, not on the Redis client's event loop.
     */
    private static <T> Uni<T> onCallersContext(Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            Uni<T> result = call.get();
            return context == null ? result : result.emitOn(command -> context.runOnContext(ignored -> command.run()));
        });
    }

    private static boolean isRejection(Throwable e) {
        return e instanceof io.vertx.redis.client.Response && e.getMessage() != null && rejects(e.getMessage());
    }

    /**
     * Whether an error reply refuses this call rather than reports an outage: a wrong command or script ({@code ERR …}),
     * or a key of the wrong type ({@code WRONGTYPE}: another writer, and only that key's calls meet it). {@code OOM},
     * {@code READONLY}, {@code MISCONF}, {@code LOADING}, {@code BUSY} and the like are outages. Redis 6 wraps an error
     * that a command raised inside a script in an {@code ERR} reply, such as {@code ERR Error running script (call to
     * f_…): @user_script:4: @user_script: 4: -OOM command not allowed …}, where Redis 7 replies the command's own error;
     * the error it quotes decides then, as it does on Redis 7.
     */
    static boolean rejects(String message) {
        String code = errorCode(message);
        return code.equals("ERR") || code.equals("WRONGTYPE");
    }

    /** The code of an error reply: its first word, or for Redis 6's wrapped script errors, the code of the quoted one. */
    static String errorCode(String message) {
        Matcher quoted = SCRIPT_ERROR.matcher(message);
        if (quoted.find()) {
            return quoted.group(1);
        }
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }

    private void fellBack(Fallback reason) {
        metrics.counter("bigocean.redis.fallbacks", "reason", reason.tag).increment();
    }

    /**
     * Deletes {@code keys} (an erased user's or session's counters). While Redis is unavailable nothing is deleted:
     * every limit key expires by itself within two days, and holds counters only. True when Redis answered.
     */
    Uni<Boolean> delete(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        return onCallersContext(() -> bounded("DEL", keys.toArray(String[]::new))
                .map(response -> true)
                .onFailure().recoverWithItem(e -> {
                    if (e instanceof SlowReply) {
                        LOG.debugf("Redis did not confirm deleting %d limit keys in time (they expire by themselves)", keys.size());
                    } else {
                        LOG.warnf("Could not delete %d limit keys (they expire by themselves): %s", keys.size(), e.toString());
                    }
                    return false;
                }));
    }

    private void up() {
        if (down) {
            down = false;
            LOG.info("Redis answers again: rate limits, start limits and cost budgets are enforced in Redis");
        }
    }

    /**
     * Decides in memory for {@code retry-after}. Logged once until Redis answers again ({@link #up}), or once more when
     * an overload turns out to be an outage: after its pause Redis was tried with an idle pool and did not answer.
     */
    private void down(Throwable e) {
        downUntil = System.currentTimeMillis() + config.retryAfter().toMillis();
        boolean overloaded = e instanceof Overloaded;
        if (!down || !overloaded && downReason == Fallback.OVERLOADED) {
            down = true;
            if (overloaded) {
                downReason = Fallback.OVERLOADED;
                LOG.warnf("%s: limits and budgets fall back to conservative per-instance counters for %d s, then Redis is "
                        + "tried again", e.getMessage(), config.retryAfter().toSeconds());
            } else {
                downReason = Fallback.UNAVAILABLE;
                LOG.warnf("Redis unavailable (%s): limits and budgets fall back to conservative per-instance counters",
                        e.toString());
            }
        }
    }
}
