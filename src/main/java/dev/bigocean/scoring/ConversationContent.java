package dev.bigocean.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * The interviewer's content, kept as data files: one steering hint per facet ({@code steering/facet-hints.json}) and
 * the offline question bank ({@code offline/question-bank.json}). Loaded once and validated: every facet must be there.
 */
public final class ConversationContent {

    private static final ConversationContent INSTANCE = load();

    private final Map<Facet, String> hints;
    private final Map<Facet, List<String>> questions;
    private final List<String> acknowledgements;
    private final List<String> followUps;
    private final List<String> allQuestions;
    private final String opening;
    private final String closing;

    private ConversationContent(Map<Facet, String> hints, Map<Facet, List<String>> questions, List<String> acknowledgements,
            List<String> followUps, String opening, String closing) {
        this.hints = hints;
        this.questions = questions;
        this.acknowledgements = acknowledgements;
        this.followUps = followUps;
        List<String> all = new ArrayList<>();
        questions.values().forEach(all::addAll);
        all.addAll(followUps);
        this.allQuestions = List.copyOf(all);
        this.opening = opening;
        this.closing = closing;
    }

    public static ConversationContent get() {
        return INSTANCE;
    }

    /** The natural-language steering hint of a facet (never names the facet). */
    public String hint(Facet facet) {
        return hints.get(facet);
    }

    /** The facet whose hint is exactly {@code text}, if any (the offline interviewer reads its focus back this way). */
    public java.util.Optional<Facet> facetOfHint(String text) {
        String trimmed = text == null ? "" : text.trim();
        return hints.entrySet().stream().filter(e -> e.getValue().equals(trimmed)).map(Map.Entry::getKey).findFirst();
    }

    public List<String> questions(Facet facet) {
        return questions.get(facet);
    }

    /** The facet a question of the bank belongs to, if {@code text} contains one (the offline analyzer reads its focus). */
    public java.util.Optional<Facet> facetOfQuestionIn(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        return questions.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(text::contains))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Open questions not tied to a facet, asked when every question of the focus was already asked. */
    public List<String> followUps() {
        return followUps;
    }

    /** Every question of the bank, facet questions and follow-ups. */
    public List<String> allQuestions() {
        return allQuestions;
    }

    public List<String> acknowledgements() {
        return acknowledgements;
    }

    /** Nerin's first message, stored when a session starts. */
    public String opening() {
        return opening;
    }

    public String closing() {
        return closing;
    }

    private static ConversationContent load() {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode hintsJson = read(mapper, "steering/facet-hints.json").path("hints");
        JsonNode bank = read(mapper, "offline/question-bank.json");
        Map<Facet, String> hints = new EnumMap<>(Facet.class);
        Map<Facet, List<String>> questions = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            String hint = hintsJson.path(facet.apiName()).asText("");
            List<String> qs = new ArrayList<>();
            bank.path("questions").path(facet.apiName()).forEach(q -> qs.add(q.asText()));
            if (hint.isBlank() || qs.isEmpty()) {
                throw new IllegalStateException("Conversation content is missing facet " + facet.apiName());
            }
            hints.put(facet, hint);
            questions.put(facet, List.copyOf(qs));
        }
        List<String> acks = new ArrayList<>();
        bank.path("acknowledgements").forEach(a -> acks.add(a.asText()));
        List<String> followUps = new ArrayList<>();
        bank.path("followUps").forEach(f -> followUps.add(f.asText()));
        String opening = bank.path("opening").asText("");
        String closing = bank.path("closing").asText("");
        if (acks.isEmpty() || followUps.isEmpty() || opening.isBlank() || closing.isBlank()) {
            throw new IllegalStateException("The question bank needs an opening, a closing, acknowledgements and follow-ups");
        }
        return new ConversationContent(hints, questions, List.copyOf(acks), List.copyOf(followUps), opening, closing);
    }

    private static JsonNode read(ObjectMapper mapper, String resource) {
        try (InputStream in = ConversationContent.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
