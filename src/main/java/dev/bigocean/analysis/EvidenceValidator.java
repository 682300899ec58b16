package dev.bigocean.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.bigocean.analysis.ai.EvidenceItem;
import dev.bigocean.scoring.Facet;

/**
 * Turns what the analyzer reported into evidence the service can store (domain.md §5): only the 30 facets (exact
 * spelling), one item per facet, scores 0–20 and confidences 0–100 rounded to integers and clamped, and a quote that
 * is really in the user message. The server computes {@code highlightRange} itself, in UTF-16 indices as JavaScript
 * counts them (Java string indices). A quote is looked up exactly first, then ignoring case, runs of whitespace,
 * typographic quotes/dashes and surrounding quotation marks or ellipses; the stored quote is always the original
 * substring of the message. Everything else is dropped and counted by reason.
 */
final class EvidenceValidator {

    enum DropReason {
        UNKNOWN_FACET, DUPLICATE_FACET, MISSING_VALUE, BLANK_QUOTE, QUOTE_NOT_FOUND;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A stored-to-be evidence item; {@code quote} equals {@code message.substring(start, end)}. */
    record Valid(Facet facet, int score, int confidence, String quote, int start, int end) {
    }

    record Validated(List<Valid> evidence, Map<DropReason, Integer> dropped) {

        int droppedCount() {
            return dropped.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private EvidenceValidator() {
    }

    static Validated validate(List<EvidenceItem> items, String message) {
        List<Valid> kept = new ArrayList<>();
        Map<DropReason, Integer> dropped = new EnumMap<>(DropReason.class);
        Set<Facet> seen = EnumSet.noneOf(Facet.class);
        for (EvidenceItem item : items == null ? List.<EvidenceItem>of() : items) {
            DropReason reason = null;
            Optional<Facet> facet = item == null ? Optional.empty() : Facet.fromApiName(item.facet());
            int[] range = null;
            if (item == null || facet.isEmpty()) {
                reason = DropReason.UNKNOWN_FACET;
            } else if (seen.contains(facet.get())) {
                reason = DropReason.DUPLICATE_FACET;
            } else if (!finite(item.score()) || !finite(item.confidence())) {
                reason = DropReason.MISSING_VALUE;
            } else if (item.quote() == null || item.quote().isBlank()) {
                reason = DropReason.BLANK_QUOTE;
            } else if ((range = locate(message, item.quote())) == null) {
                reason = DropReason.QUOTE_NOT_FOUND;
            }
            if (reason != null) {
                dropped.merge(reason, 1, Integer::sum);
                continue;
            }
            seen.add(facet.get());
            kept.add(new Valid(facet.get(), clamp(item.score(), 20), clamp(item.confidence(), 100),
                    message.substring(range[0], range[1]), range[0], range[1]));
        }
        return new Validated(List.copyOf(kept), Map.copyOf(dropped));
    }

    private static boolean finite(Double value) {
        return value != null && Double.isFinite(value);
    }

    static int clamp(double value, int max) {
        long rounded = Math.round(value);
        return (int) Math.max(0, Math.min(max, rounded));
    }

    /** [start, end) of the quote in the message in UTF-16 indices, or null when it is not there. */
    static int[] locate(String message, String quote) {
        if (message == null || quote == null) {
            return null;
        }
        int exact = message.indexOf(quote);
        if (exact >= 0 && !quote.isBlank()) {
            return trimmed(message, exact, exact + quote.length());
        }
        Normalised haystack = Normalised.of(message);
        for (String candidate : candidates(quote)) {
            Normalised needle = Normalised.of(candidate);
            if (needle.text.isEmpty()) {
                continue;
            }
            int at = haystack.text.indexOf(needle.text);
            if (at >= 0) {
                int start = haystack.origin[at];
                int end = haystack.originEnd[at + needle.text.length() - 1];
                return trimmed(message, start, end);
            }
        }
        return null;
    }

    /** The quote as given, then without surrounding quotation marks or ellipses. */
    private static List<String> candidates(String quote) {
        String stripped = quote.strip();
        String previous;
        do {
            previous = stripped;
            stripped = stripped.replaceAll("^[\"'\u201C\u201D\u2018\u2019\u00AB\u00BB]+|[\"'\u201C\u201D\u2018\u2019\u00AB\u00BB]+$", "")
                    .replaceAll("^(\\.\\.\\.|\u2026)|(\\.\\.\\.|\u2026)$", "").strip();
        } while (!stripped.equals(previous));
        return stripped.equals(quote) ? List.of(quote) : List.of(quote, stripped);
    }

    private static int[] trimmed(String message, int start, int end) {
        while (start < end && Character.isWhitespace(message.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(message.charAt(end - 1))) {
            end--;
        }
        return start < end ? new int[] { start, end } : null;
    }

    /**
     * A comparison form of a text: case-folded per code point, typographic quotes and dashes made plain, each run of
     * whitespace one space, leading/trailing whitespace gone. {@code origin[i]} / {@code originEnd[i]} give the UTF-16
     * range in the original text of normalised char {@code i}.
     */
    private record Normalised(String text, int[] origin, int[] originEnd) {

        static Normalised of(String s) {
            StringBuilder out = new StringBuilder(s.length());
            int[] origin = new int[s.length() * 2 + 1];
            int[] originEnd = new int[s.length() * 2 + 1];
            int i = 0;
            boolean pendingSpace = false;
            int spaceAt = 0;
            while (i < s.length()) {
                int cp = s.codePointAt(i);
                int next = i + Character.charCount(cp);
                if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                    if (!pendingSpace) {
                        pendingSpace = true;
                        spaceAt = i;
                    }
                    i = next;
                    continue;
                }
                if (pendingSpace && out.length() > 0) {
                    origin[out.length()] = spaceAt;
                    originEnd[out.length()] = spaceAt + 1;
                    out.append(' ');
                }
                pendingSpace = false;
                String folded = new String(Character.toChars(fold(cp)));
                for (int k = 0; k < folded.length(); k++) {
                    origin[out.length()] = i;
                    originEnd[out.length()] = next;
                    out.append(folded.charAt(k));
                }
                i = next;
            }
            return new Normalised(out.toString(), origin, originEnd);
        }

        private static int fold(int cp) {
            return switch (cp) {
                case '\u2018', '\u2019', '\u201B', '\u2032' -> '\'';
                case '\u201C', '\u201D', '\u201F', '\u2033' -> '"';
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> '-';
                default -> Character.toLowerCase(Character.toUpperCase(cp));
            };
        }
    }
}
