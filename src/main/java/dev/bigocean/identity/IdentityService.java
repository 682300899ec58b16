package dev.bigocean.identity;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.web.ApiException;
import io.smallrye.mutiny.Uni;

/** Identity rules other features ask about. */
@ApplicationScoped
public class IdentityService {

    private final CurrentUser caller;
    private final AuthService auth;

    IdentityService(CurrentUser caller, AuthService auth) {
        this.caller = caller;
        this.auth = auth;
    }

    /**
     * Owner of a new assessment: the caller, or the {@code userId} of {@code /start}'s body when it equals the caller or
     * the caller is a trusted internal client (then the user must exist). Any other {@code userId} is 401
     * {@code Unauthorized}: a body cannot make someone else the owner.
     */
    public Uni<UUID> ownerOfNewSession(UUID requestedUserId) {
        UUID self = caller.id().orElse(null);
        if (requestedUserId == null || requestedUserId.equals(self)) {
            return Uni.createFrom().item(self);
        }
        if (!caller.trustedInternal()) {
            throw ApiException.unauthorized("userId must be the signed-in user");
        }
        return auth.userExists(requestedUserId).map(exists -> {
            if (!exists) {
                throw ApiException.unauthorized("Unknown user");
            }
            return requestedUserId;
        });
    }
}
