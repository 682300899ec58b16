package dev.bigocean.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.inject.Qualifier;

/**
 * The application's reactive pool without {@code bigocean.db.timeout} ({@link DeadlinePool}): for scheduled maintenance
 * whose statements may legitimately run long (a purge after a long downtime), never for a request.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
public @interface MaintenancePool {
}
