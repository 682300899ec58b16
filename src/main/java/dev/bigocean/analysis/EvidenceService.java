package dev.bigocean.analysis;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.analysis.api.EvidenceView;
import dev.bigocean.assessment.AssessmentService;
import dev.bigocean.scoring.Facet;
import dev.bigocean.web.ApiException;
import io.smallrye.mutiny.Uni;

/** Reads stored evidence; never cached, so a committed analysis shows at once. */
@ApplicationScoped
class EvidenceService {

    private final EvidenceRepository evidence;
    private final AssessmentService assessments;
    EvidenceService(EvidenceRepository evidence, AssessmentService assessments) {
        this.evidence = evidence;
        this.assessments = assessments;
    }

    /** 422 {@code InvalidFacetNameError} for a name that is not one of the 30 (checked before the session). */
    static Facet facet(String facetName) {
        return Facet.fromApiName(facetName)
                .orElseThrow(() -> ApiException.invalidFacetName(facetName, Facet.apiNames()));
    }

    Uni<List<EvidenceView>> forFacet(UUID sessionId, Facet facet) {
        return assessments.require(sessionId)
                .flatMap(session -> evidence.bySessionAndFacet(sessionId, facet))
                .map(EvidenceService::views);
    }

    /**
     * A message's evidence ({@code []} when it has none), visible as its session is: an unknown message, an erased one
     * and a message of a session owned by someone else all answer 404 {@code MessageNotFound}, so that existence does
     * not leak.
     */
    Uni<List<EvidenceView>> forMessage(UUID messageId) {
        return assessments.requireMessage(messageId)
                .onFailure(e -> e instanceof ApiException api && "SessionNotFound".equals(api.tag()))
                .transform(e -> ApiException.messageNotFound(messageId.toString()))
                .flatMap(session -> evidence.byMessage(messageId))
                .map(EvidenceService::views);
    }

    private static List<EvidenceView> views(List<Evidence> rows) {
        return rows.stream().map(EvidenceService::view).toList();
    }

    static EvidenceView view(Evidence e) {
        return new EvidenceView(e.id.toString(), e.messageId.toString(), e.facet, e.score, e.confidence, e.quote,
                new EvidenceView.HighlightRange(e.highlightStart, e.highlightEnd), e.createdAt.toString());
    }
}
