package dev.bigocean.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.scoring.EvidencePoint;
import dev.bigocean.scoring.Facet;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class EvidenceRepository implements PanacheRepositoryBase<Evidence, UUID> {

    /** Every evidence row of a session grouped by facet, each list in creation order (ties by id), for scoring. */
    public Uni<Map<Facet, List<EvidencePoint>>> pointsBySession(UUID sessionId) {
        return list("sessionId = ?1 order by createdAt, id", sessionId).map(rows -> {
            Map<Facet, List<EvidencePoint>> byFacet = new EnumMap<>(Facet.class);
            for (Evidence row : rows) {
                Facet.fromApiName(row.facet).ifPresent(
                        facet -> byFacet.computeIfAbsent(facet, f -> new ArrayList<>()).add(new EvidencePoint(row.score, row.confidence)));
            }
            return byFacet;
        });
    }
}
