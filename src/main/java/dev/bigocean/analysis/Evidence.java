package dev.bigocean.analysis;

import java.time.Instant;
import java.util.UUID;


/** One piece of facet evidence: a quote of a user message, its position, and the facet score it suggests. */
class Evidence {

    UUID id;
    UUID sessionId;
    UUID messageId;
    String facet;
    short score;
    short confidence;
    String quote;
    int highlightStart;
    int highlightEnd;
    Instant createdAt;
}
