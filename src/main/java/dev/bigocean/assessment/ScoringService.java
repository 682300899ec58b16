package dev.bigocean.assessment;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.analysis.EvidenceRepository;
import dev.bigocean.scoring.Archetype;
import dev.bigocean.scoring.Archetypes;
import dev.bigocean.scoring.ScoreSheet;
import dev.bigocean.scoring.Scoring;
import io.smallrye.mutiny.Uni;

/** Scores of a session, always computed from its stored evidence rows (domain.md §3). */
@ApplicationScoped
public class ScoringService {

    private final EvidenceRepository evidence;
    private final Archetypes archetypes = Archetypes.fromClasspath();

    ScoringService(EvidenceRepository evidence) {
        this.evidence = evidence;
    }

    public Uni<ScoreSheet> sheet(UUID sessionId) {
        return evidence.pointsBySession(sessionId).map(Scoring::compute);
    }

    public Archetype archetype(ScoreSheet sheet) {
        return archetypes.forCode4(sheet.oceanCode4());
    }
}
