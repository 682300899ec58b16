package dev.bigocean.identity;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import dev.bigocean.platform.Lazy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Argon2id password hashes (password4j; OWASP's minimum: 19 MiB, 2 passes, 1 lane). Hashing is deliberately slow, so
 * it runs on a small pool of its own (one thread per core, which also bounds the memory Argon2 takes) and the result
 * comes back on the caller's Vert.x context, where Hibernate Reactive can go on. The event loop never hashes. Nothing
 * is hashed while the service starts: the first sign-up or sign-in computes the dummy hash (and password4j allocates
 * its 19 MiB Argon2 template, which it then keeps).
 */
@ApplicationScoped
class PasswordHasher {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    private final ExecutorService pool;
    /**
     * A hash of a random password, verified against when the user is unknown so that both answers take as long;
     * computed on first use, on the hashing pool.
     */
    private final Lazy<String> dummyHash = Lazy.of(PasswordHasher::randomHash);

    PasswordHasher() {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "password-hasher-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    Uni<String> hash(String password) {
        return offload(() -> hashNow(password));
    }

    /** Whether {@code password} matches {@code hash}; a null hash (unknown user) costs the same and is never a match. */
    Uni<Boolean> verify(String password, String hash) {
        boolean real = hash != null;
        return offload(() -> checkNow(password, real ? hash : dummyHash.get()) && real);
    }

    private static String randomHash() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return hashNow(HexFormat.of().formatHex(random));
    }

    private static String hashNow(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    private static boolean checkNow(String password, String hash) {
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private <T> Uni<T> offload(Supplier<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            Uni<T> off = Uni.createFrom().item(work).runSubscriptionOn(pool);
            return context == null ? off : off.emitOn(command -> context.runOnContext(ignored -> command.run()));
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
