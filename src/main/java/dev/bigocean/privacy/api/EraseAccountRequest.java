package dev.bigocean.privacy.api;

/** Body of {@code DELETE /api/account}: the account's password (optional after a sign-in within 10 minutes). */
public record EraseAccountRequest(String password) {
}
