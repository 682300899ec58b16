package dev.bigocean.analysis.api;

/** How many failed analysis jobs went back to the queue. */
public record RetryFailedResponse(int requeued) {
}
