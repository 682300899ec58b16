package dev.bigocean.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * The interviewer's content, kept as data files: one steering hint per facet ({@code steering/facet-hints.json}) and
 * the offline interviewer's question bank, in English ({@code offline/question-bank.json}, which also holds the English
 * opening and lists its {@code translations}) and in each listed language ({@code offline/question-bank-<code>.json}).
 * The hints and the English bank are loaded once and validated: every facet must be there. A translation is loaded and
 * checked against the English bank the first time a session in its language needs it, so the start does not read
 * banks that no session uses; {@code ConversationContentTest} loads every one of them.
 */
public final class ConversationContent {

    /** The language of {@code offline/question-bank.json}. */
    public static final String ENGLISH = "en";
    /** The placeholder in an acknowledgement where a short phrase of the user's answer is quoted. */
    public static final String ECHO = "{echo}";

    private static final String ENGLISH_BANK = "offline/question-bank.json";
    private static final ConversationContent INSTANCE = load(ConversationContent::open);

    private final Map<Facet, String> hints;
    private final String opening;
    private final Bank english;
    private final Set<String> translations;
    private final Function<String, InputStream> open;
    private final Map<String, Bank> loaded = new ConcurrentHashMap<>();

    private ConversationContent(Map<Facet, String> hints, String opening, Bank english, Set<String> translations,
            Function<String, InputStream> open) {
        this.hints = hints;
        this.opening = opening;
        this.english = english;
        this.translations = translations;
        this.open = open;
    }

    public static ConversationContent get() {
        return INSTANCE;
    }

    /** The natural-language steering hint of a facet (never names the facet). */
    public String hint(Facet facet) {
        return hints.get(facet);
    }

    /** The facet whose hint is exactly {@code text}, if any (the offline interviewer reads its focus back this way). */
    public Optional<Facet> facetOfHint(String text) {
        String trimmed = text == null ? "" : text.trim();
        return hints.entrySet().stream().filter(e -> e.getValue().equals(trimmed)).map(Map.Entry::getKey).findFirst();
    }

    /** Nerin's first message in English, stored when a session starts (other languages: {@code prompts/greetings.json}). */
    public String opening() {
        return opening;
    }

    /** The languages the question bank is translated into (ISO 639-1 codes), English aside. */
    public Set<String> translations() {
        return translations;
    }

    /** The question bank in {@code language} (an ISO 639-1 code); the English one when it is not translated into it. */
    public Bank bank(String language) {
        if (language == null || !translations.contains(language)) {
            return english;
        }
        return loaded.computeIfAbsent(language, this::loadTranslation);
    }

    /**
     * The facet of the question {@code text} contains, if any, from the bank in {@code language} or the English one (a
     * session that began in English before its language was translated). The offline analyzer reads its focus so.
     */
    public Optional<Facet> facetOfQuestionIn(String text, String language) {
        Bank bank = bank(language);
        return bank.facetOfQuestionIn(text).or(() -> bank == english ? Optional.empty() : english.facetOfQuestionIn(text));
    }

    /**
     * The offline interviewer's content in one language: questions per facet, acknowledgements (those with
     * {@link #ECHO} quote the user's answer), follow-ups for a facet whose questions were all asked, and the closing.
     */
    public static final class Bank {

        private final String language;
        private final Map<Facet, List<String>> questions;
        private final List<String> acknowledgements;
        private final List<String> followUps;
        private final String closing;
        private final List<String> allQuestions;

        Bank(String language, Map<Facet, List<String>> questions, List<String> acknowledgements, List<String> followUps,
                String closing) {
            this.language = language;
            this.questions = questions;
            this.acknowledgements = acknowledgements;
            this.followUps = followUps;
            this.closing = closing;
            List<String> all = new ArrayList<>();
            questions.values().forEach(all::addAll);
            all.addAll(followUps);
            this.allQuestions = List.copyOf(all);
        }

        /** Its ISO 639-1 code. */
        public String language() {
            return language;
        }

        /** A facet's questions, in the order they are asked. */
        public List<String> questions(Facet facet) {
            return questions.get(facet);
        }

        /** Open questions not tied to a facet, asked when every question of the focus was already asked. */
        public List<String> followUps() {
            return followUps;
        }

        /** Every question of the bank, facet questions and follow-ups. */
        public List<String> allQuestions() {
            return allQuestions;
        }

        /** Warm acknowledgements of an answer; those with {@link #ECHO} quote a short phrase of it. */
        public List<String> acknowledgements() {
            return acknowledgements;
        }

        /** Nerin's last words, when the conversation ends. */
        public String closing() {
            return closing;
        }

        /** The facet a question of this bank belongs to, if {@code text} contains one. */
        public Optional<Facet> facetOfQuestionIn(String text) {
            if (text == null) {
                return Optional.empty();
            }
            return questions.entrySet().stream()
                    .filter(e -> e.getValue().stream().anyMatch(text::contains))
                    .map(Map.Entry::getKey)
                    .findFirst();
        }
    }

    static ConversationContent load(Function<String, InputStream> open) {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode hintsJson = read(mapper, open, "steering/facet-hints.json").path("hints");
        Map<Facet, String> hints = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            String hint = hintsJson.path(facet.apiName()).asText("");
            if (hint.isBlank()) {
                throw new IllegalStateException("Conversation content is missing facet " + facet.apiName());
            }
            hints.put(facet, hint);
        }
        JsonNode bankJson = read(mapper, open, ENGLISH_BANK);
        Bank english = bank(ENGLISH, bankJson, null);
        String opening = bankJson.path("opening").asText("");
        if (opening.isBlank()) {
            throw new IllegalStateException(ENGLISH_BANK + ": the opening is missing");
        }
        Set<String> translations = new LinkedHashSet<>();
        bankJson.path("translations").forEach(code -> translations.add(code.asText()));
        translations.remove(ENGLISH);
        return new ConversationContent(hints, opening, english, Set.copyOf(translations), open);
    }

    private Bank loadTranslation(String language) {
        return bank(language, read(new ObjectMapper(), open, translationFile(language)), english);
    }

    /** The resource of the bank in {@code language}. */
    static String translationFile(String language) {
        return "offline/question-bank-" + language + ".json";
    }

    /**
     * The bank in {@code json}, checked: a question list for every facet, acknowledgements with and without
     * {@link #ECHO}, follow-ups and a closing, no question that contains another (the interviewer and the analyzer find
     * the question asked by searching for it); a translation also has as many of each as {@code english}, with
     * {@link #ECHO} in the same acknowledgements, in its own words. Throws with every problem found.
     */
    static Bank bank(String language, JsonNode json, Bank english) {
        String file = english == null ? ENGLISH_BANK : translationFile(language);
        List<String> problems = new ArrayList<>();
        if (english != null && !language.equals(json.path("language").asText())) {
            problems.add("language must be " + language);
        }
        Map<Facet, List<String>> questions = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<String> qs = texts(json.path("questions").path(facet.apiName()));
            if (qs.isEmpty() || english != null && qs.size() != english.questions(facet).size()) {
                problems.add("questions." + facet.apiName() + ": needs "
                        + (english == null ? "at least one question" : english.questions(facet).size() + " questions"));
            }
            questions.put(facet, List.copyOf(qs));
        }
        List<String> acknowledgements = texts(json.path("acknowledgements"));
        List<String> followUps = texts(json.path("followUps"));
        String closing = json.path("closing").asText("");
        if (english == null) {
            if (acknowledgements.stream().noneMatch(a -> a.contains(ECHO)) || acknowledgements.stream().allMatch(a -> a.contains(ECHO))) {
                problems.add("acknowledgements: needs some with " + ECHO + " and some without");
            }
            if (followUps.isEmpty()) {
                problems.add("followUps: needs at least one");
            }
        } else {
            if (acknowledgements.size() != english.acknowledgements().size()) {
                problems.add("acknowledgements: needs " + english.acknowledgements().size());
            } else {
                for (int i = 0; i < acknowledgements.size(); i++) {
                    if (echoes(acknowledgements.get(i)) != echoes(english.acknowledgements().get(i))) {
                        problems.add("acknowledgements[" + i + "]: needs " + ECHO + " exactly as often as the English one");
                    }
                }
            }
            if (followUps.size() != english.followUps().size()) {
                problems.add("followUps: needs " + english.followUps().size());
            }
        }
        if (closing.isBlank()) {
            problems.add("closing: missing");
        }
        Bank bank = new Bank(language, questions, List.copyOf(acknowledgements), List.copyOf(followUps), closing);
        List<String> asked = bank.allQuestions();
        for (String question : asked) {
            for (String other : asked) {
                if (question != other && other.contains(question)) {
                    problems.add("the question \"" + question + "\" is also part of \"" + other + "\"");
                }
            }
            if (english != null && english.allQuestions().contains(question)) {
                problems.add("the question \"" + question + "\" is the English one");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(file + ": " + String.join("; ", problems));
        }
        return bank;
    }

    private static int echoes(String acknowledgement) {
        int count = 0;
        for (int at = acknowledgement.indexOf(ECHO); at >= 0; at = acknowledgement.indexOf(ECHO, at + ECHO.length())) {
            count++;
        }
        return count;
    }

    /** The non-blank texts of a JSON array (a text that is blank, or not a text, is left out). */
    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> {
            if (t.isTextual() && !t.asText().isBlank()) {
                texts.add(t.asText());
            }
        });
        return texts;
    }

    private static InputStream open(String resource) {
        return ConversationContent.class.getClassLoader().getResourceAsStream(resource);
    }

    private static JsonNode read(ObjectMapper mapper, Function<String, InputStream> open, String resource) {
        try (InputStream in = open.apply(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
