package dev.bigocean.identity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record SignOutResponse(@Schema(required = true) boolean success) {
}
