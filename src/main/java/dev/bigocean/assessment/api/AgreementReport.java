package dev.bigocean.assessment.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Conversation versus questionnaire. {@code difference} is conversation − questionnaire (1 decimal; null when the
 * questionnaire has not scored it); {@code label} is {@code agree} (|difference| ≤ 3 on a facet, ≤ 18 on a trait),
 * {@code differ}, or {@code not_enough_evidence} (questionnaire incomplete, or conversation confidence below 50).
 *
 * @param overallAgreement       % of the compared facets that agree (0–100), null when none could be compared
 * @param facetsCompared         facets with both scores and enough conversation evidence
 * @param facetsAgreeing         of those, how many agree
 * @param meanAbsoluteDifference mean |difference| over the compared facets (0–20 scale), null when none
 * @param traits                 5, O C E A N order
 * @param facets                 30, canonical order
 */
public record AgreementReport(Integer overallAgreement, int facetsCompared, int facetsAgreeing,
        Double meanAbsoluteDifference, List<Trait> traits, List<Facet> facets) {

    @Schema(name = "AgreementTrait")
    public record Trait(String name, double conversation, Double questionnaire, Double difference, String label) {
    }

    @Schema(name = "AgreementFacet")
    public record Facet(String name, String traitName, double conversation, Double questionnaire, Double difference,
            String label) {
    }
}
