package dev.bigocean.platform;

import java.util.function.Supplier;

/**
 * A value computed on first use, once, whichever thread asks first (the others wait for it): for work a bean should
 * not do while the service starts, such as building a model client.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> compute;
    private volatile T value;

    private Lazy(Supplier<T> compute) {
        this.compute = compute;
    }

    public static <T> Lazy<T> of(Supplier<T> compute) {
        return new Lazy<>(compute);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) {
                    value = compute.get();
                }
                v = value;
            }
        }
        return v;
    }
}
