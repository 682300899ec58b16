package dev.bigocean.testsupport;

import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.bigocean.identity.CurrentUser;

/**
 * Test classpath only: authenticates the request as the user named by the {@value #HEADER} header, so HTTP tests can
 * act as a signed-in owner. Runs after any real authentication filter (default USER priority) and only when the
 * header is present. Tests should move to a real sign-in once the identity feature provides one.
 */
public class TestUserFilter {

    public static final String HEADER = "x-test-user";

    private final CurrentUser currentUser;

    TestUserFilter(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id != null && !id.isBlank()) {
            currentUser.authenticate(UUID.fromString(id), "test");
        }
    }
}
