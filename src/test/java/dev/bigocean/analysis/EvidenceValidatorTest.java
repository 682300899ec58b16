package dev.bigocean.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.bigocean.analysis.EvidenceValidator.DropReason;
import dev.bigocean.analysis.EvidenceValidator.Valid;
import dev.bigocean.analysis.EvidenceValidator.Validated;
import dev.bigocean.analysis.ai.EvidenceItem;
import dev.bigocean.scoring.Facet;

class EvidenceValidatorTest {

    private static final String MESSAGE = "I often daydream about fantastical scenarios, and learning new concepts excites me.";

    private static EvidenceItem item(String facet, double score, double confidence, String quote) {
        return new EvidenceItem(facet, score, confidence, quote);
    }

    private static Validated validate(String message, EvidenceItem... items) {
        return EvidenceValidator.validate(Arrays.asList(items), message);
    }

    @Test
    void keepsValidItemsWithServerComputedRanges() {
        Validated v = validate(MESSAGE, item("imagination", 16, 80, "I often daydream about fantastical scenarios"),
                item("intellect", 18, 85, "learning new concepts excites me"));
        assertEquals(2, v.evidence().size());
        Valid first = v.evidence().get(0);
        assertEquals(Facet.IMAGINATION, first.facet());
        assertEquals(0, first.start());
        assertEquals(44, first.end());
        Valid second = v.evidence().get(1);
        assertEquals(50, second.start());
        assertEquals(82, second.end());
        for (Valid e : v.evidence()) {
            assertEquals(e.quote(), MESSAGE.substring(e.start(), e.end()));
        }
        assertEquals(0, v.droppedCount());
    }

    @Test
    void dropsAndCountsFacetsOutsideTheThirty() {
        Validated v = validate(MESSAGE, item("hacker", 20, 100, "I often daydream"),
                item("intellectual_curiosity", 18, 85, "learning new concepts excites me"),
                item("Imagination", 16, 80, "I often daydream"), item(null, 10, 50, "I often daydream"),
                item("intellect", 18, 85, "learning new concepts excites me"));
        assertEquals(List.of(Facet.INTELLECT), v.evidence().stream().map(Valid::facet).toList());
        assertEquals(Map.of(DropReason.UNKNOWN_FACET, 4), v.dropped());
        assertEquals(4, v.droppedCount());
    }

    @ParameterizedTest
    @CsvSource({
            "-3, -10, 0, 0",
            "0, 0, 0, 0",
            "20, 100, 20, 100",
            "99, 250, 20, 100",
            "14.5, 72.5, 15, 73",
            "14.49, 72.4, 14, 72",
            "19.6, 99.5, 20, 100",
            "0.4, 0.49, 0, 0" })
    void clampsAndRoundsScoresAndConfidences(double score, double confidence, int expectedScore, int expectedConfidence) {
        Valid e = validate(MESSAGE, item("imagination", score, confidence, "daydream")).evidence().get(0);
        assertEquals(expectedScore, e.score());
        assertEquals(expectedConfidence, e.confidence());
    }

    @Test
    void dropsQuotesThatAreNotInTheMessage() {
        Validated v = validate(MESSAGE, item("imagination", 16, 80, "I love daydreaming about dragons"),
                item("intellect", 18, 85, "learning new concepts excites me"));
        assertEquals(1, v.evidence().size());
        assertEquals(Map.of(DropReason.QUOTE_NOT_FOUND, 1), v.dropped());
    }

    @Test
    void dropsBlankAndMissingQuotesAndMissingNumbers() {
        Validated v = EvidenceValidator.validate(List.of(item("imagination", 16, 80, "  "),
                new EvidenceItem("intellect", 18.0, 80.0, null), new EvidenceItem("trust", null, 80.0, "daydream"),
                new EvidenceItem("anxiety", 12.0, Double.NaN, "daydream")), MESSAGE);
        assertTrue(v.evidence().isEmpty());
        assertEquals(Map.of(DropReason.BLANK_QUOTE, 2, DropReason.MISSING_VALUE, 2), v.dropped());
    }

    @Test
    void keepsOnlyTheFirstItemOfAFacet() {
        Validated v = validate(MESSAGE, item("imagination", 16, 80, "daydream"), item("imagination", 4, 80, "fantastical"));
        assertEquals(1, v.evidence().size());
        assertEquals(16, v.evidence().get(0).score());
        assertEquals(Map.of(DropReason.DUPLICATE_FACET, 1), v.dropped());
    }

    @Test
    void aDroppedItemDoesNotBlockALaterValidOneOfTheSameFacet() {
        Validated v = validate(MESSAGE, item("imagination", 16, 80, "not in the message"), item("imagination", 15, 70, "daydream"));
        assertEquals(1, v.evidence().size());
        assertEquals(15, v.evidence().get(0).score());
    }

    @Test
    void matchesIgnoringCaseAndWhitespaceButStoresTheOriginalSubstring() {
        String message = "Honestly?  I  ALWAYS plan\nmy week on Sunday evenings.";
        Valid e = validate(message, item("orderliness", 17, 80, "i always plan my week")).evidence().get(0);
        assertEquals("I  ALWAYS plan\nmy week", e.quote());
        assertEquals(message.indexOf("I  ALWAYS"), e.start());
        assertEquals(e.quote(), message.substring(e.start(), e.end()));
    }

    @Test
    void matchesTypographicQuotesSurroundingQuotationMarksAndEllipses() {
        String message = "I don\u2019t like crowds \u2014 small dinners are my thing.";
        Valid e = validate(message, item("gregariousness", 5, 70, "\"I don't like crowds - small dinners...\"")).evidence().get(0);
        assertEquals("I don\u2019t like crowds \u2014 small dinners", e.quote());
        assertEquals(0, e.start());
        assertEquals(e.quote(), message.substring(e.start(), e.end()));
    }

    @Test
    void trimsWhitespaceAroundAnExactQuote() {
        Valid e = validate(MESSAGE, item("intellect", 18, 85, " learning new concepts excites me ")).evidence().get(0);
        assertEquals("learning new concepts excites me", e.quote());
        assertEquals(50, e.start());
    }

    @Test
    void rangesAreUtf16IndicesAsJavaScriptCountsThem() {
        // The emoji is one code point but two UTF-16 units: JavaScript's "🌊 I love".indexOf("I love") is 3.
        String message = "\uD83C\uDF0A\uD83C\uDF0A I love big parties with strangers!";
        Valid e = validate(message, item("gregariousness", 18, 80, "I love big parties")).evidence().get(0);
        assertEquals(5, e.start());
        assertEquals(23, e.end());
        Valid folded = validate(message, item("gregariousness", 18, 80, "i LOVE big  parties")).evidence().get(0);
        assertEquals(5, folded.start());
        assertEquals(23, folded.end());
    }

    @Test
    void nothingToValidateIsNothingStored() {
        assertTrue(EvidenceValidator.validate(null, MESSAGE).evidence().isEmpty());
        assertTrue(EvidenceValidator.validate(List.of(), MESSAGE).evidence().isEmpty());
        assertNull(EvidenceValidator.locate(MESSAGE, "   "));
    }
}
