package dev.bigocean.questionnaire.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code GET /api/questionnaire}: the IPIP-NEO-120 items and answer labels in one language. Item keys are not
 * sent: the server scores the answers.
 *
 * @param language  the language served (BCP-47, e.g. {@code de}, {@code pt-BR})
 * @param languages every available language
 * @param choices   the five answers, 1 (Very Inaccurate) … 5 (Very Accurate), with their labels in {@code language}
 * @param items     120 items in the inventory's order
 * @param source    where the items and translations come from
 */
public record QuestionnaireResponse(@Schema(required = true, example = "en") String language,
        @Schema(required = true) List<Language> languages, @Schema(required = true) List<Choice> choices,
        @Schema(required = true) List<Item> items, @Schema(required = true) String source) {

    @Schema(name = "QuestionnaireLanguage")
    public record Language(@Schema(required = true) String id, @Schema(required = true) String name) {
    }

    @Schema(name = "QuestionnaireChoice")
    public record Choice(@Schema(required = true, minimum = "1", maximum = "5") int value,
            @Schema(required = true) String label) {
    }

    /** One item: id (for answers), position 1–120, text, and the facet and trait it measures. */
    @Schema(name = "QuestionnaireItem")
    public record Item(@Schema(required = true) String id, @Schema(required = true) int num,
            @Schema(required = true) String text, @Schema(required = true) String facet,
            @Schema(required = true) String traitName) {
    }
}
