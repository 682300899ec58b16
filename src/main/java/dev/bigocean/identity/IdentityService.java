package dev.bigocean.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.web.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Identity rules other features ask about. */
@ApplicationScoped
public class IdentityService {

    /** A sign-in this recent confirms an erasure without the password. */
    static final Duration RECENT_SIGN_IN = Duration.ofMinutes(10);

    private final CurrentUser caller;
    private final AuthService auth;
    private final SessionCookies cookies;
    private final CookieSession cookieSession;

    IdentityService(CurrentUser caller, AuthService auth, SessionCookies cookies, CookieSession cookieSession) {
        this.caller = caller;
        this.auth = auth;
        this.cookies = cookies;
        this.cookieSession = cookieSession;
    }

    /** The sign-in session of this request's cookie, if the caller came with one. */
    public Optional<UUID> currentSignInSession() {
        return cookieSession.present() ? Optional.of(cookieSession.id()) : Optional.empty();
    }

    /** The signed-in caller, or 401 {@code Unauthorized}. */
    public UUID requireUser() {
        return caller.id().orElseThrow(() -> ApiException.unauthorized("Sign in to use this endpoint"));
    }

    /**
     * The signed-in caller once they have confirmed who they are for an irreversible action: with their
     * {@code password} (wrong: 401 {@code InvalidCredentials}), or without it by a sign-in made within the last
     * {@link #RECENT_SIGN_IN} (a cookie session created that recently, or a bearer token issued that recently), or as a
     * trusted internal caller. Otherwise 401 {@code Unauthorized}.
     */
    public Uni<UUID> reauthenticated(String password) {
        UUID userId = requireUser();
        if (password != null && !password.isEmpty()) {
            return auth.passwordMatches(userId, password).map(ok -> {
                if (!ok) {
                    throw ApiException.invalidCredentials();
                }
                return userId;
            });
        }
        boolean recent = caller.authenticatedAt().map(at -> at.isAfter(Instant.now().minus(RECENT_SIGN_IN))).orElse(false);
        if (recent || "internal".equals(caller.via())) {
            return Uni.createFrom().item(userId);
        }
        throw ApiException.unauthorized("Confirm with your password, or sign in again and retry within "
                + RECENT_SIGN_IN.toMinutes() + " minutes");
    }

    /** Deletes the account and everything of it in the database (one transaction). True when it existed. */
    public Uni<Boolean> erase(UUID userId) {
        return auth.erase(userId);
    }

    /** {@code Set-Cookie} value that removes the session cookie. */
    public String clearedCookie(HttpServerRequest request) {
        cookieSession.handled();
        return cookies.clear(request);
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
