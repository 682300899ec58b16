package dev.bigocean.scoring;

/**
 * One stored evidence row for a facet: a score (0–20) and a confidence (0–100).
 * Values outside those ranges are rejected; the analyzer clamps before storing.
 */
public record EvidencePoint(int score, int confidence) {
    public EvidencePoint {
        if (score < 0 || score > 20) {
            throw new IllegalArgumentException("evidence score out of 0-20: " + score);
        }
        if (confidence < 0 || confidence > 100) {
            throw new IllegalArgumentException("evidence confidence out of 0-100: " + confidence);
        }
    }
}
