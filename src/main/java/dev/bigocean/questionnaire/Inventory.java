package dev.bigocean.questionnaire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bigocean.scoring.Facet;
import dev.bigocean.scoring.IpipNeo;

/**
 * The IPIP-NEO-120 items and their translations, vendored from {@code @bigfive-org/questions} 1.3.3 as JSON under
 * {@code questionnaire/} (see its README): {@code items.json} (id, order, domain, facet number, key),
 * {@code languages.json} and one {@code text/<language>.json} per language (five answer labels, one text per item).
 * {@link #load} checks everything a request relies on and refuses broken data with one message listing every problem.
 */
public final class Inventory {

    /**
     * One item, language-independent. Its number identifies it within an inventory ({@link #load} refuses two items
     * with one number), so it is the hash: answers are maps keyed by item, and the generated record hash showed in
     * profiles of a whole questionnaire's answers.
     */
    public record Item(String id, int num, Facet facet, IpipNeo.Key key) {

        @Override
        public int hashCode() {
            return num;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Item item && item.num == num && item.id.equals(id) && item.facet == facet && item.key == key;
        }
    }

    /** An available language: BCP-47 id (e.g. {@code de}, {@code pt-BR}) and its name as the package spells it. */
    record Language(String id, String name) {
    }

    /** One language's texts: the five answer labels (answer 1 … 5) and every item's text by id. */
    record Texts(List<String> choices, Map<String, String> items) {
    }

    /** Thrown by {@link #load} when the data is broken. */
    static final class BrokenInventory extends RuntimeException {
        BrokenInventory(String message) {
            super(message);
        }
    }

    private final List<Item> items;
    private final Map<String, Item> byId;
    private final Item[] byNumber; // index: number − 1
    private final List<Language> languages;
    private final Map<String, Texts> texts; // by lower-case language id

    private Inventory(List<Item> items, List<Language> languages, Map<String, Texts> texts) {
        this.items = List.copyOf(items);
        Map<String, Item> ids = new LinkedHashMap<>();
        items.forEach(i -> ids.put(i.id(), i));
        this.byId = Map.copyOf(ids);
        this.byNumber = new Item[IpipNeo.ITEM_COUNT];
        items.forEach(i -> byNumber[i.num() - 1] = i);
        this.languages = List.copyOf(languages);
        this.texts = Map.copyOf(texts);
    }

    /** Items in the inventory's order (1–120). */
    public List<Item> items() {
        return items;
    }

    Optional<Item> item(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Item item = byId.get(id); // ids are stored in lower case; most callers send them so
        return Optional.ofNullable(item != null ? item : byId.get(id.toLowerCase(Locale.ROOT)));
    }

    /** The item with this number (1–120, its place in the IPIP-NEO-120), as the answers are stored. */
    Optional<Item> item(int number) {
        return Optional.ofNullable(number >= 1 && number <= byNumber.length ? byNumber[number - 1] : null);
    }

    List<Language> languages() {
        return languages;
    }

    /** Texts of an available language (its exact id, any case). */
    Texts texts(String languageId) {
        return texts.get(languageId.toLowerCase(Locale.ROOT));
    }

    /**
     * The available language that serves {@code tag} (a BCP-47 tag): the same id (any case), else the language whose
     * id is the tag's primary subtag, else the first language with that primary subtag ({@code zh} → {@code zh-CN},
     * {@code pt} → {@code pt-BR}); Norwegian Bokmål and Nynorsk ({@code nb}, {@code nn}) are served by {@code no}.
     */
    Optional<Language> resolve(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String wanted = tag.trim().toLowerCase(Locale.ROOT);
        String primary = wanted.split("[-_]")[0];
        if (primary.equals("nb") || primary.equals("nn")) {
            primary = "no";
        }
        for (Language l : languages) {
            if (l.id().equalsIgnoreCase(wanted)) {
                return Optional.of(l);
            }
        }
        for (Language l : languages) {
            if (l.id().equalsIgnoreCase(primary)) {
                return Optional.of(l);
            }
        }
        String prefix = primary + "-";
        return languages.stream().filter(l -> l.id().toLowerCase(Locale.ROOT).startsWith(prefix)).findFirst();
    }

    /** The vendored inventory from the classpath. */
    public static Inventory fromClasspath() {
        ClassLoader loader = Inventory.class.getClassLoader();
        return load(name -> loader.getResourceAsStream("questionnaire/" + name));
    }

    /**
     * Loads and validates the inventory; {@code open} gives a file by its name relative to the data folder
     * ({@code items.json}, {@code languages.json}, {@code text/de.json}) or null when it does not exist.
     */
    static Inventory load(Function<String, InputStream> open) {
        ObjectMapper mapper = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        JsonNode itemsJson = read(mapper, open, "items.json", problems);
        if (itemsJson != null) {
            readItems(itemsJson.path("items"), items, problems);
        }
        List<Language> languages = new ArrayList<>();
        JsonNode languagesJson = read(mapper, open, "languages.json", problems);
        if (languagesJson != null) {
            for (JsonNode l : languagesJson) {
                String id = l.path("id").asText("");
                String name = l.path("name").asText("");
                if (id.isBlank() || name.isBlank()) {
                    problems.add("languages.json: a language without id or name: " + l);
                } else {
                    languages.add(new Language(id, name));
                }
            }
            if (languages.stream().noneMatch(l -> l.id().equals("en"))) {
                problems.add("languages.json: English (en) is missing; it is the fallback language");
            }
        }
        Map<String, Texts> texts = new LinkedHashMap<>();
        for (Language language : languages) {
            String file = "text/" + language.id() + ".json";
            JsonNode json = read(mapper, open, file, problems);
            if (json != null) {
                Texts t = readTexts(file, json, items, problems);
                texts.put(language.id().toLowerCase(Locale.ROOT), t);
            }
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 20);
            throw new BrokenInventory("The questionnaire data under questionnaire/ is broken (" + problems.size()
                    + " problem(s)): " + String.join("; ", problems.subList(0, shown))
                    + (shown < problems.size() ? "; …" : ""));
        }
        return new Inventory(items, languages, texts);
    }

    private static JsonNode read(ObjectMapper mapper, Function<String, InputStream> open, String name, List<String> problems) {
        try (InputStream in = open.apply(name)) {
            if (in == null) {
                problems.add(name + " is missing");
                return null;
            }
            return mapper.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(name + " is not valid JSON: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            problems.add(name + " cannot be read: " + e.getMessage());
            return null;
        } catch (UncheckedIOException e) {
            problems.add(name + " cannot be read: " + e.getMessage());
            return null;
        }
    }

    private static void readItems(JsonNode array, List<Item> items, List<String> problems) {
        if (!array.isArray()) {
            problems.add("items.json: no \"items\" list");
            return;
        }
        Map<Facet, Integer> perFacet = new EnumMap<>(Facet.class);
        Map<String, Boolean> seen = new LinkedHashMap<>();
        boolean[] numbered = new boolean[IpipNeo.ITEM_COUNT + 1];
        for (JsonNode node : array) {
            String id = node.path("id").asText("").toLowerCase(Locale.ROOT);
            try {
                if (id.isBlank()) {
                    throw new IllegalArgumentException("an item has no id");
                }
                if (seen.put(id, true) != null) {
                    throw new IllegalArgumentException("item " + id + " appears twice");
                }
                if (!node.path("facet").isInt()) {
                    throw new IllegalArgumentException("item " + id + " has no facet number");
                }
                Facet facet = IpipNeo.facet(node.path("domain").asText(null), node.path("facet").asInt());
                IpipNeo.Key key = IpipNeo.Key.of(node.path("keyed").asText(null));
                int num = node.path("num").asInt(0);
                if (!node.path("num").isInt() || num < 1 || num > IpipNeo.ITEM_COUNT || numbered[num]) {
                    throw new IllegalArgumentException("item " + id + " needs a number from 1 to " + IpipNeo.ITEM_COUNT
                            + " that no other item has");
                }
                numbered[num] = true;
                items.add(new Item(id, num, facet, key));
                perFacet.merge(facet, 1, Integer::sum);
            } catch (IllegalArgumentException e) {
                problems.add("items.json: " + (e.getMessage().contains(id) || id.isBlank() ? "" : "item " + id + ": ")
                        + e.getMessage());
            }
        }
        if (items.size() != IpipNeo.ITEM_COUNT) {
            problems.add("items.json: " + items.size() + " valid items, expected " + IpipNeo.ITEM_COUNT);
        }
        for (Facet f : Facet.values()) {
            int n = perFacet.getOrDefault(f, 0);
            if (n != IpipNeo.ITEMS_PER_FACET) {
                problems.add("items.json: facet " + f.apiName() + " has " + n + " items, expected " + IpipNeo.ITEMS_PER_FACET);
            }
        }
    }

    private static Texts readTexts(String file, JsonNode json, List<Item> items, List<String> problems) {
        List<String> choices = new ArrayList<>();
        json.path("choices").forEach(c -> choices.add(c.asText("")));
        if (choices.size() != 5 || choices.stream().anyMatch(String::isBlank)) {
            problems.add(file + ": needs five non-blank answer labels, has " + choices.stream().filter(c -> !c.isBlank()).count());
        }
        Map<String, String> texts = new LinkedHashMap<>();
        JsonNode node = json.path("items");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            texts.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText(""));
        }
        int missing = 0;
        for (Item item : items) {
            String text = texts.get(item.id());
            if (text == null || text.isBlank()) {
                missing++;
            }
        }
        if (missing > 0) {
            problems.add(file + ": " + missing + " item(s) without text");
        }
        long unknown = texts.keySet().stream().filter(id -> items.stream().noneMatch(i -> i.id().equals(id))).count();
        if (unknown > 0 && !items.isEmpty()) {
            problems.add(file + ": " + unknown + " text(s) for unknown item ids");
        }
        return new Texts(List.copyOf(choices), Map.copyOf(texts));
    }
}
