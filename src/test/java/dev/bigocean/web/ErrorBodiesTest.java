package dev.bigocean.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.bigocean.web.api.ErrorBodies;

/** Every {@code _tag} an {@link ApiException} factory produces has its schema in the OpenAPI document. */
class ErrorBodiesTest {

    @Test
    void everyTagApiExceptionProducesIsDocumented() throws ReflectiveOperationException {
        Set<String> produced = new TreeSet<>();
        for (Method factory : ApiException.class.getDeclaredMethods()) {
            if (Modifier.isStatic(factory.getModifiers()) && !Modifier.isPrivate(factory.getModifiers())
                    && factory.getReturnType() == ApiException.class) {
                Object[] args = Arrays.stream(factory.getParameterTypes()).map(ErrorBodiesTest::sample).toArray();
                produced.add(((ApiException) factory.invoke(null, args)).tag());
            }
        }
        assertTrue(produced.size() > 20, "found the factories: " + produced);
        Set<String> missing = new TreeSet<>(produced);
        missing.removeAll(List.of(ErrorBodies.TAGS));
        assertTrue(missing.isEmpty(), "tags without a schema in ErrorBodies: " + missing);
    }

    private static Object sample(Class<?> type) {
        if (type == String.class) {
            return "x";
        }
        if (type == Instant.class) {
            return Instant.EPOCH;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == int.class) {
            return 1;
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == boolean.class) {
            return true;
        }
        throw new IllegalArgumentException("no sample for " + type);
    }
}
