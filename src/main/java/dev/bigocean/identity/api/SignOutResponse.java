package dev.bigocean.identity.api;

public record SignOutResponse(boolean success) {
}
