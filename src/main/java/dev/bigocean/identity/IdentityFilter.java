package dev.bigocean.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.bigocean.web.ApiException;
import dev.bigocean.web.Ids;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Fills {@link CurrentUser} before any resource runs, from (in this order) the session cookie, an OIDC bearer token
 * (when OIDC is configured), or {@code x-user-id} — the last only when the request also carries the configured
 * internal secret. A spoofed {@code x-user-id} is ignored. An invalid bearer token is 401 {@code Unauthorized}.
 */
class IdentityFilter {

    static final String INTERNAL_SECRET = "x-internal-secret";
    static final String USER_ID = "x-user-id";

    private final CurrentUser currentUser;
    private final CookieSession cookieSession;
    private final AuthService auth;
    private final SessionCookies cookies;
    private final CurrentIdentityAssociation identities;
    private final Optional<byte[]> internalSecret;

    IdentityFilter(CurrentUser currentUser, CookieSession cookieSession, AuthService auth, SessionCookies cookies,
            CurrentIdentityAssociation identities,
            IdentityConfig.Internal config) {
        this.currentUser = currentUser;
        this.cookieSession = cookieSession;
        this.auth = auth;
        this.cookies = cookies;
        this.identities = identities;
        this.internalSecret = config.internalSecret().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    Uni<Void> identify(HttpServerRequest request) {
        boolean trusted = trusted(request.getHeader(INTERNAL_SECRET));
        if (trusted) {
            currentUser.trustInternal();
        }
        return fromCookie(request)
                .flatMap(done -> done ? Uni.createFrom().item(true) : fromBearer(request))
                .flatMap(done -> done || !trusted ? Uni.createFrom().item(done) : fromInternalHeader(request))
                .replaceWithVoid();
    }

    @ServerResponseFilter
    void reissueCookie(ContainerResponseContext response, HttpServerRequest request) {
        if (cookieSession.present() && cookieSession.reissue()) {
            response.getHeaders().add("Set-Cookie", cookies.issue(cookieSession.token(), cookieSession.expiresAt(), request));
        }
    }

    private Uni<Boolean> fromCookie(HttpServerRequest request) {
        Optional<String> token = cookies.token(request);
        if (token.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return auth.activeSession(token.get()).map(session -> {
            if (session == null) {
                return false;
            }
            cookieSession.set(session.id(), session.expiresAt(), token.get(), session.refreshed());
            currentUser.authenticate(session.userId(), "cookie");
            currentUser.authenticatedAt(session.createdAt());
            return true;
        });
    }

    private Uni<Boolean> fromBearer(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().item(false);
        }
        return identities.getDeferredIdentity()
                .onFailure(AuthenticationFailedException.class)
                .transform(e -> ApiException.unauthorized("The bearer token is not valid"))
                .flatMap(identity -> {
                    JsonWebToken jwt = token(identity);
                    if (jwt == null || jwt.getIssuer() == null || jwt.getSubject() == null) {
                        return Uni.createFrom().item(false); // OIDC not configured: the header means nothing here
                    }
                    String name = Optional.ofNullable(jwt.<String>getClaim("name"))
                            .or(() -> Optional.ofNullable(jwt.<String>getClaim("preferred_username"))).orElse("");
                    return auth.oidcUser(jwt.getIssuer(), jwt.getSubject(), name).map(userId -> {
                        currentUser.authenticate(userId, "oidc");
                        if (jwt.getIssuedAtTime() > 0) {
                            currentUser.authenticatedAt(java.time.Instant.ofEpochSecond(jwt.getIssuedAtTime()));
                        }
                        return true;
                    });
                });
    }

    private Uni<Boolean> fromInternalHeader(HttpServerRequest request) {
        String header = request.getHeader(USER_ID);
        if (header == null) {
            return Uni.createFrom().item(false);
        }
        var userId = Ids.uuid(USER_ID, header.trim());
        return auth.userExists(userId).map(exists -> {
            if (!exists) {
                throw ApiException.unauthorized("Unknown user in " + USER_ID);
            }
            currentUser.authenticate(userId, "internal");
            return true;
        });
    }

    private static JsonWebToken token(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
    }

    private boolean trusted(String presented) {
        if (internalSecret.isEmpty() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(internalSecret.get(), presented.getBytes(StandardCharsets.UTF_8));
    }
}
