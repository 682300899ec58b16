package dev.bigocean.privacy.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code DELETE /api/account}: the account's password (optional after a sign-in within 10 minutes). */
public record EraseAccountRequest(
        @Schema(description = "The account's password; may be left out within 10 minutes of a sign-in.") String password) {
}
