package dev.bigocean.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The 30 IPIP-NEO facets in canonical order (domain.md §1); six per trait. */
public enum Facet {
    IMAGINATION(Trait.OPENNESS), ARTISTIC_INTERESTS(Trait.OPENNESS), EMOTIONALITY(Trait.OPENNESS),
    ADVENTUROUSNESS(Trait.OPENNESS), INTELLECT(Trait.OPENNESS), LIBERALISM(Trait.OPENNESS),

    SELF_EFFICACY(Trait.CONSCIENTIOUSNESS), ORDERLINESS(Trait.CONSCIENTIOUSNESS), DUTIFULNESS(Trait.CONSCIENTIOUSNESS),
    ACHIEVEMENT_STRIVING(Trait.CONSCIENTIOUSNESS), SELF_DISCIPLINE(Trait.CONSCIENTIOUSNESS), CAUTIOUSNESS(Trait.CONSCIENTIOUSNESS),

    FRIENDLINESS(Trait.EXTRAVERSION), GREGARIOUSNESS(Trait.EXTRAVERSION), ASSERTIVENESS(Trait.EXTRAVERSION),
    ACTIVITY_LEVEL(Trait.EXTRAVERSION), EXCITEMENT_SEEKING(Trait.EXTRAVERSION), CHEERFULNESS(Trait.EXTRAVERSION),

    TRUST(Trait.AGREEABLENESS), MORALITY(Trait.AGREEABLENESS), ALTRUISM(Trait.AGREEABLENESS),
    COOPERATION(Trait.AGREEABLENESS), MODESTY(Trait.AGREEABLENESS), SYMPATHY(Trait.AGREEABLENESS),

    ANXIETY(Trait.NEUROTICISM), ANGER(Trait.NEUROTICISM), DEPRESSION(Trait.NEUROTICISM),
    SELF_CONSCIOUSNESS(Trait.NEUROTICISM), IMMODERATION(Trait.NEUROTICISM), VULNERABILITY(Trait.NEUROTICISM);

    private static final Map<String, Facet> BY_API_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Facet::apiName, Function.identity()));
    private static final List<String> API_NAMES = Arrays.stream(values()).map(Facet::apiName).toList();

    private final Trait trait;
    private final String apiName;

    Facet(Trait trait) {
        this.trait = trait;
        this.apiName = name().toLowerCase(Locale.ROOT);
    }

    /** The snake_case API spelling, e.g. {@code "artistic_interests"}. */
    public String apiName() {
        return apiName;
    }

    /** The trait this facet belongs to. */
    public Trait trait() {
        return trait;
    }

    /** The facet with exactly this API name (case-sensitive); empty for anything else, including null. */
    public static Optional<Facet> fromApiName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_API_NAME.get(name));
    }

    /** The 30 API names in canonical order (immutable). */
    public static List<String> apiNames() {
        return API_NAMES;
    }
}
