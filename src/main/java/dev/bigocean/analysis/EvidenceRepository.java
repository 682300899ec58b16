package dev.bigocean.analysis;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.scoring.Facet;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class EvidenceRepository implements PanacheRepositoryBase<Evidence, UUID> {

    /** A session's evidence for one facet, newest first. */
    Uni<List<Evidence>> bySessionAndFacet(UUID sessionId, Facet facet) {
        return list("sessionId = ?1 and facet = ?2 order by createdAt desc, id desc", sessionId, facet.apiName());
    }

    /** A message's evidence, highest score first, ties newest first. */
    Uni<List<Evidence>> byMessage(UUID messageId) {
        return list("messageId = ?1 order by score desc, createdAt desc, id desc", messageId);
    }
}
