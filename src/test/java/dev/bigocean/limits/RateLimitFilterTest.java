package dev.bigocean.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The path the auth bucket is decided on: matrix parameters and repeated slashes do not move a request out of it. */
class RateLimitFilterTest {

    @Test
    void matrixParametersAndRepeatedSlashesAreDropped() {
        assertEquals("/api/auth/sign-in", RateLimitFilter.canonical("/api/auth/sign-in"));
        assertEquals("/api/auth/sign-in", RateLimitFilter.canonical("/api;v=1/auth;x/sign-in;y=2"));
        assertEquals("/api/auth/sign-in", RateLimitFilter.canonical("//api///auth//sign-in"));
        assertEquals("/api/auth/sign-in", RateLimitFilter.canonical("/api/;a=b/auth/sign-in"));
        assertEquals("/api/assessment/start", RateLimitFilter.canonical("/api/assessment/start"));
    }
}
