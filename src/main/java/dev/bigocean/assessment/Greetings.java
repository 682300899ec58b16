package dev.bigocean.assessment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bigocean.scoring.ConversationContent;
import io.quarkus.runtime.Startup;

/**
 * Nerin's opening greeting in the session's language: {@code prompts/greetings.json} ({@code greetings}: ISO 639-1
 * code → text); English is the question bank's opening ({@link ConversationContent#opening()}), unchanged. Every
 * language the questionnaire offers ({@code questionnaire/languages.json}, by primary subtag) must have a greeting or be
 * listed under {@code englishFallback} (greeted in English). Loaded when the application starts ({@link Startup}):
 * broken data stops the start with one message listing every problem.
 */
@Startup
@ApplicationScoped
class Greetings {

    static final String FILE = "prompts/greetings.json";
    static final String LANGUAGES = "questionnaire/languages.json";
    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

    private final String english;
    private final Map<String, String> byLanguage;

    Greetings() {
        this.english = ConversationContent.get().opening();
        this.byLanguage = load(Greetings::open);
        requireSameLanguages(byLanguage.keySet(), ConversationContent.get().translations());
    }

    /** The greeting of a session in {@code language} (its ISO 639-1 code); English when there is none. */
    String of(String language) {
        return language == null ? english : byLanguage.getOrDefault(language, english);
    }

    /** The greetings by language, checked against the offered languages; throws with every problem found. */
    static Map<String, String> load(Function<String, InputStream> open) {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode file = read(mapper, open, FILE);
        Set<String> offered = new LinkedHashSet<>();
        read(mapper, open, LANGUAGES).forEach(l -> offered.add(l.path("id").asText("").split("-")[0].toLowerCase(Locale.ROOT)));
        offered.remove("en");

        List<String> problems = new ArrayList<>();
        Map<String, String> greetings = new LinkedHashMap<>();
        if (!file.path("greetings").isObject()) {
            problems.add("greetings must be an object of language code → text");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = file.path("greetings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String code = e.getKey();
            String text = e.getValue().isTextual() ? e.getValue().asText() : "";
            if (!code.equals(code.toLowerCase(Locale.ROOT)) || !ISO_639_1.contains(code) || code.equals("en")) {
                problems.add("greetings." + code + ": not a lower-case ISO 639-1 code other than en");
            } else if (text.isBlank() || !text.contains("Nerin")) {
                problems.add("greetings." + code + ": must be a text in which Nerin introduces itself");
            } else {
                greetings.put(code, text);
            }
        }
        Set<String> fallback = new LinkedHashSet<>();
        file.path("englishFallback").forEach(c -> fallback.add(c.asText()));
        for (String code : offered) {
            if (!greetings.containsKey(code) && !fallback.contains(code)) {
                problems.add("offered language " + code + " has no greeting and is not in englishFallback");
            }
        }
        for (String code : fallback) {
            if (greetings.containsKey(code)) {
                problems.add("englishFallback." + code + ": has a greeting");
            } else if (!offered.contains(code)) {
                problems.add("englishFallback." + code + ": not a language the questionnaire offers");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Broken " + FILE + ": " + String.join("; ", problems));
        }
        return Map.copyOf(greetings);
    }

    /**
     * Checks that the greeted languages are those the offline interviewer's question bank is translated into, so an
     * offline session is greeted in the language its questions come in: a greeting without questions would be followed
     * by English ones, and questions without a greeting would follow an English greeting.
     */
    static void requireSameLanguages(Set<String> greeted, Set<String> translated) {
        List<String> problems = new ArrayList<>();
        greeted.stream().filter(code -> !translated.contains(code)).sorted()
                .forEach(code -> problems.add("greetings." + code + ": the offline question bank has no " + code + " translation"));
        translated.stream().filter(code -> !greeted.contains(code)).sorted()
                .forEach(code -> problems.add("the offline question bank's " + code + " translation has no greeting"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Broken " + FILE + ": " + String.join("; ", problems));
        }
    }

    private static JsonNode read(ObjectMapper mapper, Function<String, InputStream> open, String name) {
        try (InputStream in = open.apply(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        return Greetings.class.getClassLoader().getResourceAsStream(name);
    }
}
