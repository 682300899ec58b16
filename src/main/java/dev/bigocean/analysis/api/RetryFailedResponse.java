package dev.bigocean.analysis.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many failed analysis jobs went back to the queue. */
public record RetryFailedResponse(@Schema(required = true) int requeued) {
}
