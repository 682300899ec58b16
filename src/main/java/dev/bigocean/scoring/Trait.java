package dev.bigocean.scoring;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The five Big Five traits, always in O, C, E, A, N order (domain.md §1). */
public enum Trait {
    OPENNESS, CONSCIENTIOUSNESS, EXTRAVERSION, AGREEABLENESS, NEUROTICISM;

    /** The API spelling, e.g. {@code "openness"}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Its six facets in canonical order. */
    public List<Facet> facets() {
        return FacetsHolder.BY_TRAIT.get(this);
    }

    /** The trait with this exact (case-sensitive) API name, if any. */
    static Optional<Trait> fromApiName(String name) {
        return Arrays.stream(values()).filter(t -> t.apiName().equals(name)).findFirst();
    }

    /** Built lazily, after both enums are initialised. */
    private static final class FacetsHolder {
        static final Map<Trait, List<Facet>> BY_TRAIT = new EnumMap<>(Trait.class);

        static {
            for (Trait t : Trait.values()) {
                BY_TRAIT.put(t, Arrays.stream(Facet.values()).filter(f -> f.trait() == t).toList());
            }
        }
    }
}
