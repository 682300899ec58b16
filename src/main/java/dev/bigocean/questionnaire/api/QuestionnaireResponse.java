package dev.bigocean.questionnaire.api;

import java.util.List;

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
public record QuestionnaireResponse(String language, List<Language> languages, List<Choice> choices, List<Item> items,
        String source) {

    public record Language(String id, String name) {
    }

    public record Choice(int value, String label) {
    }

    /** One item: id (for answers), position 1–120, text, and the facet and trait it measures. */
    public record Item(String id, int num, String text, String facet, String traitName) {
    }
}
