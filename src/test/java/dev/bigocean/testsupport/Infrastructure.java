package dev.bigocean.testsupport;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link InfrastructureResource} for every {@code @QuarkusTest} of the suite. */
@QuarkusTestResource(InfrastructureResource.class)
public final class Infrastructure {
    private Infrastructure() {
    }
}
