package dev.bigocean.testsupport;

import java.time.Duration;

/** A pause for code that cannot throw {@link InterruptedException}: a stub's handler, a task on an event loop. */
public final class Pause {

    private Pause() {
    }

    /** Sleeps for {@code duration}; an interrupt ends the pause early and stays set on the thread. */
    public static void quietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
