package dev.bigocean.analysis.ai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bigocean.platform.Punctuation;

/**
 * The offline analyzer's cue phrases per facet ({@code offline/lexicon.json}) and the rules that turn them into
 * evidence: a cue matches case-insensitively as whole words (hyphens and apostrophes belong to words, so
 * {@code "art"} does not match {@code "artsy"} or {@code "art-house"}); per facet the most specific match wins (longest
 * phrase, then highest confidence, then earliest); a negation shortly before the cue mirrors the score; the quote is
 * the clause (or, when that is under three words, the sentence) around the cue, an exact substring of the text.
 * Sentences and clauses end at Chinese and Japanese punctuation too, and those scripts, written without spaces, count
 * a word per three characters, so an answer in them says as much to these rules as the same answer with spaces.
 *
 * <p>The cues are English. The stance phrases and the negators, which read an answer's leaning towards what its
 * question asked about, are also kept in each language listed under {@code translations}
 * ({@code offline/lexicon-<code>.json}), loaded the first time an answer in that language is analysed. A phrase that
 * starts or ends in a script written without spaces (Chinese, Japanese) matches there without a word boundary.
 */
final class Lexicon {

    static final String RESOURCE = "offline/lexicon.json";
    /** The language of {@link #RESOURCE}'s cues and stance. */
    static final String ENGLISH = "en";
    static final int MAX_QUOTE = 120;
    static final int MIN_CLAUSE_WORDS = 3;
    /** Scripts written without spaces between words. */
    private static final Set<Character.UnicodeScript> UNSPACED = EnumSet.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.THAI,
            Character.UnicodeScript.LAO, Character.UnicodeScript.KHMER, Character.UnicodeScript.MYANMAR);
    /** Characters of an unspaced script per word: about a Japanese word's length (a Chinese one is shorter). */
    static final int UNSPACED_CHARACTERS_PER_WORD = 3;

    private static final String WORD_CHAR = "[\\p{L}\\p{N}'\u2019-]";
    private static final Pattern WORD = Pattern.compile(WORD_CHAR + "+");
    /** The marks that end the words after a cue where an after-negator is looked for: clause breaks and sentence marks. */
    private static final String AFTER_CUE_BREAKS = Punctuation.CLAUSE_BREAKS + ".!?" + Punctuation.FULL_WIDTH_SENTENCE_ENDS;

    record Cue(String facet, String phrase, int score, int confidence, Pattern pattern) {
    }

    /**
     * How answers in one language show their stance: "high" phrases lean towards what the question asked about, "low"
     * ones away from it (as {@link Cue}s whose facet is the direction), the words that, shortly before a phrase, turn
     * it around, and those that do so shortly after it, where the language puts its "not" after the verb (German
     * "Ich mag das nicht", French "J'aime pas").
     */
    record Stance(String language, List<Cue> phrases, Set<String> negators, Set<String> negatorsAfter) {
    }

    /** A cue found in a text: where, and the evidence it gives. */
    record Hit(String facet, int score, int confidence, int quoteStart, int quoteEnd, int cueStart, int cueLength) {
    }

    /** Confidence of a cue of the facet the answered question was about (an on-topic cue says more). */
    static final int FOCUSED_CUE_MIN = 75;
    static final int FOCUSED_CUE_MAX = 85;
    static final int FOCUSED_CUE_BONUS = 25;
    /** Score and confidence of an on-topic answer without a cue of its facet: by its stance, or neutral. */
    static final int STANCE_HIGH = 15;
    static final int STANCE_LOW = 5;
    static final int STANCE_CONFIDENCE = 70;
    static final int NEUTRAL_CONFIDENCE = 60;

    private final List<Cue> cues;
    /** The stance of English answers, and of answers in a language not translated. */
    private final Stance english;
    private final Set<String> translations;
    /** The translated stances loaded so far, by language. */
    private final Map<String, Stance> stances = new ConcurrentHashMap<>();
    private final Function<String, JsonNode> read;

    private Lexicon(List<Cue> cues, Stance english, Set<String> translations, Function<String, JsonNode> read) {
        this.cues = cues;
        this.english = english;
        this.translations = translations;
        this.read = read;
    }

    static Lexicon fromClasspath() {
        return parse(read(RESOURCE), Lexicon::read);
    }

    /** The JSON of a classpath resource. */
    private static JsonNode read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** The lexicon of {@code root} ({@code lexicon.json}'s form); {@code read} gives a translation's JSON by resource. */
    static Lexicon parse(JsonNode root, Function<String, JsonNode> read) {
        List<Cue> cues = new ArrayList<>();
        Set<String> translations = new LinkedHashSet<>();
        root.path("translations").forEach(code -> translations.add(code.asText()));
        root.path("cues").fields().forEachRemaining(facet -> {
            for (JsonNode cue : facet.getValue()) {
                String phrase = cue.path("phrase").asText().trim();
                if (!phrase.isEmpty()) {
                    cues.add(new Cue(facet.getKey(), phrase, cue.path("score").asInt(10), cue.path("confidence").asInt(40),
                            pattern(phrase)));
                }
            }
        });
        return new Lexicon(List.copyOf(cues), stance(ENGLISH, root), Set.copyOf(translations), read);
    }

    /** The resource of the stance in {@code language}. */
    static String translationFile(String language) {
        return "offline/lexicon-" + language + ".json";
    }

    /** The stance of answers in {@code language} (an ISO 639-1 code): its own when translated, else the English one. */
    Stance stance(String language) {
        if (language == null || !translations.contains(language)) {
            return english;
        }
        return stances.computeIfAbsent(language, code -> stance(code, read.apply(translationFile(code))));
    }

    /**
     * The stance in {@code json} ({@code stance.high}, {@code stance.low}, {@code negators}), checked: both directions
     * present, no phrase in both or twice, negators single words, and a translation's {@code language} its own. Throws
     * with every problem found.
     */
    static Stance stance(String language, JsonNode json) {
        List<String> problems = new ArrayList<>();
        if (!language.equals(ENGLISH) && !language.equals(json.path("language").asText())) {
            problems.add("language must be " + language);
        }
        List<Cue> phrases = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String direction : List.of("high", "low")) {
            JsonNode list = json.path("stance").path(direction);
            if (list.isEmpty()) {
                problems.add("stance." + direction + ": needs phrases");
            }
            for (JsonNode phrase : list) {
                String text = phrase.asText("").trim();
                if (text.isEmpty() || !seen.add(text.toLowerCase(Locale.ROOT))) {
                    problems.add("stance." + direction + ": \"" + text + "\" is empty or listed twice");
                } else {
                    phrases.add(new Cue(direction, text, direction.equals("high") ? STANCE_HIGH : STANCE_LOW,
                            STANCE_CONFIDENCE, pattern(text)));
                }
            }
        }
        Set<String> negators = words(json, "negators", problems);
        Set<String> negatorsAfter = words(json, "negatorsAfter", problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException((language.equals(ENGLISH) ? RESOURCE : translationFile(language)) + ": "
                    + String.join("; ", problems));
        }
        return new Stance(language, List.copyOf(phrases), negators, negatorsAfter);
    }

    /** The single words of {@code json}'s list {@code field} (none when it is absent), lower case; a problem for others. */
    private static Set<String> words(JsonNode json, String field, List<String> problems) {
        Set<String> words = new LinkedHashSet<>();
        for (JsonNode node : json.path(field)) {
            String word = normalise(node.asText("").trim());
            if (word.isEmpty() || word.contains(" ")) {
                problems.add(field + ": \"" + word + "\" is not one word");
            }
            words.add(word);
        }
        return Set.copyOf(words);
    }

    /**
     * Whole-word, case-insensitive; the words of a phrase may be separated by any run of whitespace. At an end in a
     * script written without spaces there is no word boundary to look for, so the phrase matches inside a run of text.
     */
    static Pattern pattern(String phrase) {
        StringBuilder regex = new StringBuilder(unspaced(phrase.codePointAt(0)) ? "" : "(?<!" + WORD_CHAR + ")");
        String[] words = phrase.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(words[i]).replace("'", "\\E['\u2019]\\Q"));
        }
        regex.append(unspaced(phrase.codePointBefore(phrase.length())) ? "" : "(?!" + WORD_CHAR + ")");
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static boolean unspaced(int codePoint) {
        return UNSPACED.contains(Character.UnicodeScript.of(codePoint));
    }

    int size() {
        return cues.size();
    }

    /** At most one hit per facet, in order of appearance in the text. */
    List<Hit> analyse(String text) {
        Map<String, Candidate> best = new LinkedHashMap<>();
        for (Cue cue : cues) {
            Matcher m = cue.pattern().matcher(text);
            while (m.find()) {
                Candidate c = new Candidate(cue, m.start(), m.end());
                best.merge(cue.facet(), c, (a, b) -> Candidate.ORDER.compare(a, b) <= 0 ? a : b);
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (Candidate c : best.values()) {
            int[] quote = quote(text, c.start, c.end);
            boolean negated = negated(text, quote[0], c.start, c.cue.phrase(), english.negators());
            int score = negated ? 20 - c.cue.score() : c.cue.score();
            int confidence = negated ? Math.max(20, c.cue.confidence() - 15) : c.cue.confidence();
            hits.add(new Hit(c.cue.facet(), score, confidence, quote[0], quote[1], c.start, c.end - c.start));
        }
        hits.sort(Comparator.comparingInt(Hit::cueStart));
        return hits;
    }

    /**
     * Evidence for the facet the answered question was about: the answer's own cue of that facet, with a higher
     * confidence because it is on topic; otherwise the answer's stance (the earliest, longest stance phrase, mirrored
     * when negated) at a fixed score, read with the phrases of the answer's {@code language}, or a neutral 10 quoting
     * the answer's first clause. Answers under three words say nothing.
     */
    java.util.Optional<Hit> focused(String text, String facet, List<Hit> cueHits, String language) {
        if (words(text) < MIN_CLAUSE_WORDS) {
            return java.util.Optional.empty();
        }
        for (Hit hit : cueHits) {
            if (hit.facet().equals(facet)) {
                int confidence = Math.max(FOCUSED_CUE_MIN, Math.min(FOCUSED_CUE_MAX, hit.confidence() + FOCUSED_CUE_BONUS));
                return java.util.Optional.of(new Hit(facet, hit.score(), confidence, hit.quoteStart(), hit.quoteEnd(),
                        hit.cueStart(), hit.cueLength()));
            }
        }
        Stance leaning = stance(language);
        Candidate stance = null;
        for (Cue cue : leaning.phrases()) {
            Matcher m = cue.pattern().matcher(text);
            if (m.find()) {
                Candidate c = new Candidate(cue, m.start(), m.end());
                if (stance == null || c.start < stance.start
                        || (c.start == stance.start && c.end - c.start > stance.end - stance.start)) {
                    stance = c;
                }
            }
        }
        if (stance == null) {
            Matcher first = WORD.matcher(text);
            first.find();
            int[] q = quote(text, first.start(), first.end());
            return java.util.Optional.of(new Hit(facet, 10, NEUTRAL_CONFIDENCE, q[0], q[1], first.start(), 0));
        }
        int[] q = quote(text, stance.start, stance.end);
        boolean negated = negated(text, q[0], stance.start, stance.cue.phrase(), leaning.negators())
                || stance.cue.facet().equals("high") && negatedAfter(text, stance.end, q[1], leaning.negatorsAfter());
        int score = negated ? 20 - stance.cue.score() : stance.cue.score();
        return java.util.Optional.of(new Hit(facet, score, STANCE_CONFIDENCE, q[0], q[1], stance.start,
                stance.end - stance.start));
    }

    private record Candidate(Cue cue, int start, int end) {
        static final Comparator<Candidate> ORDER = Comparator
                .comparingInt((Candidate c) -> -c.cue.phrase().length())
                .thenComparingInt(c -> -c.cue.confidence())
                .thenComparingInt(Candidate::start);
    }

    /**
     * One of the three words before the cue (inside its quote) is one of {@code negators} (or an English "n't"), unless
     * the cue itself starts with one.
     */
    private static boolean negated(String text, int quoteStart, int cueStart, String phrase, Set<String> negators) {
        if (negators.contains(firstWord(phrase))) {
            return false;
        }
        List<String> before = new ArrayList<>();
        Matcher w = WORD.matcher(text.substring(quoteStart, cueStart));
        while (w.find()) {
            before.add(normalise(w.group()));
        }
        for (int i = Math.max(0, before.size() - 3); i < before.size(); i++) {
            if (negators.contains(before.get(i)) || before.get(i).endsWith("n't")) {
                return true;
            }
        }
        return false;
    }

    /**
     * One of the three words after the cue, in its clause, is one of {@code negatorsAfter} ("Ich mag das nicht"); for
     * a high phrase only, since a low one followed by another "not" ("Eher selten, das ist nicht mein Ding") says the
     * same thing twice.
     */
    private static boolean negatedAfter(String text, int cueEnd, int quoteEnd, Set<String> negatorsAfter) {
        if (negatorsAfter.isEmpty()) {
            return false;
        }
        Matcher w = WORD.matcher(text.substring(cueEnd, clauseEnd(text, cueEnd, quoteEnd, AFTER_CUE_BREAKS)));
        for (int i = 0; i < 3 && w.find(); i++) {
            if (negatorsAfter.contains(normalise(w.group()))) {
                return true;
            }
        }
        return false;
    }

    private static String firstWord(String phrase) {
        return normalise(phrase.split("\\s+")[0]);
    }

    private static String normalise(String word) {
        return word.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    }

    /**
     * [start, end) of the quote around the cue: its clause (between sentence ends and {@code , ; : — – ( )}) when that
     * has at least three words, else its sentence; cut to a word window around the cue if still over 120 characters.
     */
    static int[] quote(String text, int cueStart, int cueEnd) {
        int start = cueStart;
        while (start > 0 && !sentenceEndsBefore(text, start)) {
            start--;
        }
        int end = cueEnd;
        while (end < text.length() && !sentenceEndsAt(text, end)) {
            end++;
        }
        int[] sentence = trim(text, start, end);
        int cs = cueStart;
        while (cs > sentence[0] && Punctuation.CLAUSE_BREAKS.indexOf(text.charAt(cs - 1)) < 0) {
            cs--;
        }
        int[] clause = trim(text, cs, clauseEnd(text, cueEnd, sentence[1], Punctuation.CLAUSE_BREAKS));
        boolean clauseSaysEnough = words(text.substring(clause[0], clause[1])) >= MIN_CLAUSE_WORDS;
        int[] range = clauseSaysEnough || sentence[1] - sentence[0] > MAX_QUOTE ? clause : sentence;
        if (range[1] - range[0] > MAX_QUOTE) {
            int budget = Math.max(0, MAX_QUOTE - (cueEnd - cueStart)) / 2;
            int ws = Math.max(range[0], cueStart - budget);
            int we = Math.min(range[1], cueEnd + budget);
            while (ws > range[0] && ws < cueStart && !Character.isWhitespace(text.charAt(ws - 1))) {
                ws++;
            }
            while (we < range[1] && we > cueEnd && !Character.isWhitespace(text.charAt(we))) {
                we--;
            }
            range = trim(text, ws, we);
        }
        if (range[1] - range[0] > MAX_QUOTE) {
            // Still too long: a cue longer than the quote may be, as the first word of a text without spaces can be.
            int from = Math.max(range[0], Math.min(cueStart, range[1] - MAX_QUOTE));
            int to = Math.min(range[1], from + MAX_QUOTE);
            if (Character.isLowSurrogate(text.charAt(from))) {
                from++;
            }
            if (to < text.length() && Character.isLowSurrogate(text.charAt(to))) {
                to--;
            }
            range = trim(text, from, to);
        }
        return range;
    }

    /** Where the clause that goes on at {@code from} ends: at the first of {@code breaks}, or at {@code limit}. */
    private static int clauseEnd(String text, int from, int limit, String breaks) {
        int end = from;
        while (end < limit && breaks.indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    /**
     * The words of {@code s}: runs of letters, digits, apostrophes and hyphens, where the letters of a script written
     * without spaces count a word per {@link #UNSPACED_CHARACTERS_PER_WORD} (rounded up) instead of one per run.
     */
    static int words(String s) {
        int n = 0;
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            int unspaced = 0;
            boolean spaced = false;
            for (int i = m.start(); i < m.end(); ) {
                int c = s.codePointAt(i);
                Character.UnicodeScript script = Character.UnicodeScript.of(c);
                if (UNSPACED.contains(script)) {
                    unspaced++;
                } else if (script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED) {
                    spaced = true;
                }
                i += Character.charCount(c);
            }
            n += unspaced == 0 ? 1
                    : (spaced ? 1 : 0) + (unspaced + UNSPACED_CHARACTERS_PER_WORD - 1) / UNSPACED_CHARACTERS_PER_WORD;
        }
        return n;
    }

    /**
     * A sentence ends just before {@code i}: after a line break, after {@code 。！？}, or after {@code .!?} followed by
     * whitespace.
     */
    private static boolean sentenceEndsBefore(String text, int i) {
        char prev = text.charAt(i - 1);
        if (prev == '\n' || prev == '\r' || Punctuation.FULL_WIDTH_SENTENCE_ENDS.indexOf(prev) >= 0) {
            return true;
        }
        return i >= 2 && Character.isWhitespace(prev) && ".!?".indexOf(text.charAt(i - 2)) >= 0;
    }

    /** The sentence ends at {@code i}: a line break, {@code 。！？}, or {@code .!?} followed by whitespace or the end. */
    private static boolean sentenceEndsAt(String text, int i) {
        char c = text.charAt(i);
        if (c == '\n' || c == '\r' || Punctuation.FULL_WIDTH_SENTENCE_ENDS.indexOf(c) >= 0) {
            return true;
        }
        return ".!?".indexOf(c) >= 0 && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
    }

    private static int[] trim(String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return new int[] { start, end };
    }
}
