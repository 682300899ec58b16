package dev.bigocean.identity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code {user, session}} as sign-up, sign-in and get-session answer. */
public record AuthResponse(@Schema(required = true) UserView user, @Schema(required = true) SessionView session) {

    @Schema(name = "User")
    public record UserView(@Schema(required = true, format = "uuid") String id, @Schema(required = true, format = "email") String email,
            @Schema(required = true) String name) {
    }

    @Schema(name = "Session")
    public record SessionView(@Schema(required = true, format = "uuid") String id,
            @Schema(required = true, format = "date-time") String expiresAt) {
    }
}
