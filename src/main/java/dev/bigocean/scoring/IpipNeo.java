package dev.bigocean.scoring;

import java.util.List;
import java.util.Locale;

/**
 * The IPIP-NEO-120 inventory's item coding (Johnson 2014): a domain letter {@code N}, {@code E}, {@code O}, {@code A}
 * or {@code C}, a facet number 1–6 within it, and a key ({@code plus} or {@code minus}). Facet {@code k} of a domain is
 * the {@code k}-th facet of that trait in domain.md's canonical order (N1 anxiety … N6 vulnerability, E1 friendliness,
 * O1 imagination, A1 trust, C1 self-efficacy … C6 cautiousness): this class is the only place that mapping is written.
 */
public final class IpipNeo {

    /** Items per facet in the 120-item version. */
    public static final int ITEMS_PER_FACET = 4;
    /** Items in the inventory. */
    public static final int ITEM_COUNT = ITEMS_PER_FACET * 30;

    private IpipNeo() {
    }

    /** How an item's answer is scored: plus-keyed as given, minus-keyed reversed. */
    public enum Key {
        PLUS, MINUS;

        /** The item's contribution to its facet, 1–5, from a 1–5 answer (1 "Very Inaccurate" … 5 "Very Accurate"). */
        int score(int answer) {
            if (answer < 1 || answer > 5) {
                throw new IllegalArgumentException("an answer is 1 to 5, got " + answer);
            }
            return this == PLUS ? answer : 6 - answer;
        }

        /** {@code plus} or {@code minus} (the package's spelling). */
        public static Key of(String keyed) {
            if ("plus".equals(keyed)) {
                return PLUS;
            }
            if ("minus".equals(keyed)) {
                return MINUS;
            }
            throw new IllegalArgumentException("an item is keyed \"plus\" or \"minus\", got " + keyed);
        }
    }

    /** The trait of a domain letter ({@code N}, {@code E}, {@code O}, {@code A}, {@code C}). */
    static Trait trait(String domain) {
        return switch (domain == null ? "" : domain.toUpperCase(Locale.ROOT)) {
            case "O" -> Trait.OPENNESS;
            case "C" -> Trait.CONSCIENTIOUSNESS;
            case "E" -> Trait.EXTRAVERSION;
            case "A" -> Trait.AGREEABLENESS;
            case "N" -> Trait.NEUROTICISM;
            default -> throw new IllegalArgumentException("a domain is one of N, E, O, A, C, got " + domain);
        };
    }

    /** Our facet for the inventory's domain letter and facet number 1–6. */
    public static Facet facet(String domain, int number) {
        List<Facet> facets = trait(domain).facets();
        if (number < 1 || number > facets.size()) {
            throw new IllegalArgumentException("a facet number is 1 to 6, got " + number);
        }
        return facets.get(number - 1);
    }
}
