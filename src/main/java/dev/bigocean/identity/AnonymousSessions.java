package dev.bigocean.identity;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * Anonymous assessment sessions a user claims by signing up or in with {@code anonymousSessionId}. Implemented by the
 * assessment feature, which owns sessions, so that {@code identity/} does not depend on it.
 */
public interface AnonymousSessions {

    /** Gives the anonymous session to {@code userId}; true when it is now theirs (an owned session is never taken over). */
    Uni<Boolean> claim(UUID sessionId, UUID userId);
}
