package dev.bigocean.analysis;

import java.time.Instant;
import java.util.UUID;


/** One piece of facet evidence: a quote of a user message, its position, and the facet score it suggests. */
public class Evidence {

    public UUID id;
    public UUID sessionId;
    public UUID messageId;
    public String facet;
    public short score;
    public short confidence;
    public String quote;
    public int highlightStart;
    public int highlightEnd;
    public Instant createdAt;
}
