package dev.bigocean.web;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Language tags from requests: a BCP-47 tag in a body or query parameter (validated, 400 {@code ValidationError} naming
 * the field when malformed) and the {@code Accept-Language} header (best-effort: a malformed header is ignored).
 */
public final class Languages {

    /** The language when a request names none. */
    public static final String DEFAULT = "en";
    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());
    /** Prompt names of the ISO 639-1 codes asked for so far (at most one per code): Java's lookup is slow per turn. */
    private static final Map<String, String> PROMPT_NAMES = new ConcurrentHashMap<>();

    private Languages() {
    }

    /**
     * The primary language subtag of a well-formed BCP-47 tag whose language is an ISO 639-1 code, lower case
     * ({@code "de-AT"} → {@code "de"}); null for null; otherwise 400 naming {@code field}.
     */
    public static String primaryTag(String field, String tag) {
        if (tag == null) {
            return null;
        }
        String language = wellFormed(field, tag).getLanguage();
        if (!ISO_639_1.contains(language)) {
            throw ApiException.validation(field, field + " must start with a two-letter ISO 639-1 language code, e.g. \"de\" or \"ja\"");
        }
        return language;
    }

    /** A well-formed BCP-47 tag ({@code "pt-BR"}, {@code "zh-Hant-HK"}), else 400 naming {@code field}. */
    public static Locale wellFormed(String field, String tag) {
        if (tag.isBlank() || tag.length() > 35) {
            throw ApiException.validation(field, field + " must be a BCP-47 language tag, e.g. \"de\" or \"pt-BR\"");
        }
        try {
            return new Locale.Builder().setLanguageTag(tag.trim()).build();
        } catch (IllformedLocaleException e) {
            throw ApiException.validation(field, field + " must be a BCP-47 language tag, e.g. \"de\" or \"pt-BR\"");
        }
    }

    /**
     * The tags of an {@code Accept-Language} header, most preferred first (weights honoured, {@code *} and
     * {@code q=0} dropped); empty for a missing or malformed header.
     */
    public static List<String> accepted(String header) {
        List<String> tags = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return tags;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                if (range.getWeight() > 0 && !range.getRange().startsWith("*")) {
                    tags.add(range.getRange());
                }
            }
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        return tags;
    }

    /** The first accepted language of the header that is an ISO 639-1 code (its primary subtag), else {@link #DEFAULT}. */
    public static String fromHeader(String acceptLanguage) {
        for (String tag : accepted(acceptLanguage)) {
            String primary = tag.split("-")[0];
            if (ISO_639_1.contains(primary)) {
                return primary;
            }
        }
        return DEFAULT;
    }

    /** How prompts name a language code: {@code "German (de)"}; null is English. */
    public static String promptName(String code) {
        String c = code == null || code.isBlank() ? DEFAULT : code;
        return ISO_639_1.contains(c) ? PROMPT_NAMES.computeIfAbsent(c, Languages::nameAndCode) : nameAndCode(c);
    }

    private static String nameAndCode(String code) {
        return englishName(code) + " (" + code + ")";
    }

    /** The English name of a language code, e.g. {@code "German"} for {@code de}; the code itself if Java has none. */
    static String englishName(String code) {
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return name == null || name.isBlank() ? code : name;
    }
}
