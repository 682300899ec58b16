package dev.bigocean.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.web.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Sign-up, sign-in, sign-out and the sign-in sessions behind the cookie. */
@ApplicationScoped
class AuthService {

    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_NAME = 100;
    /** Longest password even tried at sign-in (longer ones cannot exist); bounds the work a request can ask for. */
    private static final int MAX_SIGN_IN_PASSWORD = 1024;

    /** A new sign-in session and the cookie token that opens it (only its hash is stored). */
    record SignedIn(User user, AuthSession session, String token) {
    }

    /** Who is signing in or up: recorded on the session row. */
    record Client(String ip, String userAgent) {
    }

    private final UserRepository users;
    private final AuthSessionRepository sessions;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final PwnedPasswords pwned;
    private final SessionCookies cookies;
    private final AnonymousSessions assessments;
    private final IdentityConfig.Auth config;

    AuthService(UserRepository users, AuthSessionRepository sessions, PasswordHasher hasher, PasswordPolicy policy,
            PwnedPasswords pwned, SessionCookies cookies, AnonymousSessions assessments, IdentityConfig.Auth config) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.policy = policy;
        this.pwned = pwned;
        this.cookies = cookies;
        this.assessments = assessments;
        this.config = config;
    }

    Uni<SignedIn> signUp(String rawEmail, String password, String rawName, UUID anonymousSessionId, Client client) {
        String email = email(rawEmail);
        if (password == null || password.isEmpty()) {
            throw ApiException.validation("password", "password is required");
        }
        String name = rawName == null ? "" : rawName.trim();
        if (name.length() > MAX_NAME) {
            throw ApiException.validation("name", "name must be at most " + MAX_NAME + " characters");
        }
        policy.check(password, email);
        return pwned.isPwned(password)
                .invoke(breached -> {
                    if (breached) {
                        throw ApiException.validation("password", PasswordPolicy.COMPROMISED);
                    }
                })
                .flatMap(ignored -> Panache.withSession(() -> users.findByEmail(email)))
                .invoke(existing -> {
                    if (existing != null) {
                        throw ApiException.userAlreadyExists();
                    }
                })
                .flatMap(ignored -> hasher.hash(password))
                .flatMap(hash -> Panache.withTransaction(() -> {
                    User user = new User();
                    user.id = UUID.randomUUID();
                    user.email = email;
                    user.name = name;
                    user.passwordHash = hash;
                    user.createdAt = now();
                    user.updatedAt = user.createdAt;
                    return users.persistAndFlush(user)
                            .flatMap(saved -> open(saved, client));
                }))
                .onFailure(AuthService::isUniqueViolation).transform(e -> ApiException.userAlreadyExists())
                .call(signedIn -> claim(anonymousSessionId, signedIn));
    }

    Uni<SignedIn> signIn(String rawEmail, String password, UUID anonymousSessionId, Client client) {
        if (rawEmail == null || rawEmail.isBlank()) {
            throw ApiException.validation("email", "email is required");
        }
        if (password == null || password.isEmpty()) {
            throw ApiException.validation("password", "password is required");
        }
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        boolean plausible = email.length() <= MAX_EMAIL && password.length() <= MAX_SIGN_IN_PASSWORD;
        Uni<User> lookup = plausible ? Panache.withSession(() -> users.findByEmail(email)) : Uni.createFrom().nullItem();
        return lookup
                .flatMap(user -> {
                    // Unknown email or an account without a password: verify against a dummy hash all the same, so the
                    // answer and its timing are those of a wrong password.
                    String hash = user == null ? null : user.passwordHash;
                    String candidate = password.length() <= MAX_SIGN_IN_PASSWORD ? password
                            : password.substring(0, MAX_SIGN_IN_PASSWORD);
                    return hasher.verify(candidate, hash).map(ok -> {
                        if (!ok || user == null || !plausible) {
                            throw ApiException.invalidCredentials();
                        }
                        return user;
                    });
                })
                .flatMap(user -> Panache.withTransaction(() -> open(user, client)))
                .call(signedIn -> claim(anonymousSessionId, signedIn));
    }

    Uni<Void> signOut(UUID authSessionId) {
        return Panache.withTransaction(() -> sessions.deleteById(authSessionId)).replaceWithVoid();
    }

    Uni<User> user(UUID id) {
        return Panache.withSession(() -> users.findById(id));
    }

    /** The user of a sign-in session that still exists (sign-out elsewhere deletes it). */
    Uni<User> userOfSession(UUID authSessionId) {
        return Panache.withSession(() -> sessions.findById(authSessionId)
                .flatMap(session -> session == null ? Uni.createFrom().nullItem() : users.findById(session.userId)));
    }

    Uni<Boolean> userExists(UUID id) {
        return Panache.withSession(() -> users.count("id", id)).map(n -> n > 0);
    }

    /**
     * The sign-in session of a cookie token, or null when unknown or expired. A session last refreshed more than
     * {@code refreshAfter} ago gets a fresh full lifetime ({@code refreshed} tells the caller to re-send the cookie).
     */
    Uni<ActiveSession> activeSession(String token) {
        Instant now = now();
        return Panache.withSession(() -> sessions.findActive(SessionCookies.hash(token), now)).flatMap(found -> {
            if (found == null) {
                return Uni.createFrom().nullItem();
            }
            Instant refreshedBefore = now.minus(config.refreshAfter());
            if (!found.refreshedAt.isBefore(refreshedBefore)) {
                return Uni.createFrom().item(new ActiveSession(found.id, found.userId, found.expiresAt, found.createdAt, false));
            }
            Instant expiresAt = now.plus(config.sessionTtl());
            return Panache.withTransaction(() -> sessions.refresh(found.id, now, expiresAt, refreshedBefore))
                    .map(updated -> updated > 0
                            ? new ActiveSession(found.id, found.userId, expiresAt, found.createdAt, true)
                            : new ActiveSession(found.id, found.userId, found.expiresAt, found.createdAt, false));
        });
    }

    record ActiveSession(UUID id, UUID userId, Instant expiresAt, Instant createdAt, boolean refreshed) {
    }

    /** Whether {@code password} is the account's password (false for an account without one). */
    Uni<Boolean> passwordMatches(UUID userId, String password) {
        if (password.length() > MAX_SIGN_IN_PASSWORD) {
            return Uni.createFrom().item(false);
        }
        return user(userId).flatMap(user -> hasher.verify(password, user == null ? null : user.passwordHash)
                .map(ok -> ok && user != null && user.passwordHash != null));
    }

    /**
     * Deletes the account in one statement, and with it (foreign keys {@code ON DELETE CASCADE}) its sign-in sessions,
     * assessment sessions, messages, evidence, analysis jobs and profiles. True when the account existed.
     */
    Uni<Boolean> erase(UUID userId) {
        return Panache.withTransaction(() -> users.delete("id", userId)).map(n -> n > 0);
    }

    /** The user of an OIDC identity (issuer + subject), created on first use. */
    Uni<UUID> oidcUser(String issuer, String subject, String name) {
        return Panache.withTransaction(() -> users.findOrCreateOidc(issuer, subject, name)).map(user -> user.id);
    }

    /**
     * Gives the anonymous session to the user who just signed up or in, after the sign-in's transaction (never inside a
     * Hibernate session: the claim runs on the pool, and one request holds one pooled connection at a time).
     */
    private Uni<Boolean> claim(UUID anonymousSessionId, SignedIn signedIn) {
        return anonymousSessionId == null ? Uni.createFrom().item(false) : assessments.claim(anonymousSessionId, signedIn.user().id);
    }

    private Uni<SignedIn> open(User user, Client client) {
        String token = cookies.newToken();
        AuthSession session = new AuthSession();
        session.id = UUID.randomUUID();
        session.userId = user.id;
        session.tokenHash = SessionCookies.hash(token);
        session.createdAt = now();
        session.refreshedAt = session.createdAt;
        session.expiresAt = session.createdAt.plus(config.sessionTtl());
        session.ipAddress = client.ip();
        session.userAgent = client.userAgent() == null ? null : truncate(client.userAgent(), 512);
        return sessions.persist(session).map(ignored -> new SignedIn(user, session, token));
    }

    private static String email(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.validation("email", "email is required");
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw ApiException.validation("email", "email must be a valid email address");
        }
        return email;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
