package dev.bigocean.analysis.ai;

import java.util.List;

/** What the analyzer returns: the evidence items it found in one user message (possibly none). */
public record AnalyzerOutput(List<EvidenceItem> evidence) {
}
