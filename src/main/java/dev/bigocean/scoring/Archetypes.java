package dev.bigocean.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The archetype catalogue, loaded from the {@code /archetypes.json} resource and validated on load. */
public final class Archetypes {

    static final String RESOURCE = "/archetypes.json";
    static final Pattern KEY = Pattern.compile("[1-3]{4}");
    static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final String FALLBACK_COLOR = "#7A8A99";

    private final Map<String, Archetype> byKey;

    private Archetypes(Map<String, Archetype> byKey) {
        this.byKey = Collections.unmodifiableMap(byKey);
    }

    /** The catalogue from the classpath, loaded once; throws {@link IllegalStateException} if it is invalid. */
    public static Archetypes fromClasspath() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Archetypes INSTANCE = load();

        private static Archetypes load() {
            try (InputStream in = Archetypes.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " not found on the classpath");
                }
                return parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Parses and validates a catalogue in the {@code {"version": 1, "archetypes": [...]}} format. */
    static Archetypes parse(InputStream json) throws IOException {
        JsonNode list = new ObjectMapper().readTree(json).path("archetypes");
        if (!list.isArray()) {
            throw new IllegalStateException("archetypes: expected an array");
        }
        Map<String, Archetype> byKey = new LinkedHashMap<>();
        for (JsonNode node : list) {
            Archetype a = new Archetype(node.path("key").asText(), node.path("name").asText(),
                    node.path("description").asText(), node.path("color").asText(),
                    node.path("curated").asBoolean(false));
            validate(a);
            if (byKey.putIfAbsent(a.key(), a) != null) {
                throw new IllegalStateException("duplicate archetype key " + a.key());
            }
        }
        return new Archetypes(byKey);
    }

    private static void validate(Archetype a) {
        if (!KEY.matcher(a.key()).matches()) {
            throw new IllegalStateException("archetype key must be 4 digits of 1-3: '" + a.key() + "'");
        }
        if (!COLOR.matcher(a.color()).matches()) {
            throw new IllegalStateException("archetype " + a.key() + ": colour must be #RRGGBB");
        }
        if (!a.name().startsWith("The ")) {
            throw new IllegalStateException("archetype " + a.key() + ": name must start with 'The '");
        }
        if (a.description().isBlank()) {
            throw new IllegalStateException("archetype " + a.key() + ": description is empty");
        }
    }

    /**
     * The archetype for an {@code oceanCode4}. A well-formed key without an entry gets a generated
     * fallback with {@code curated = false}; a malformed key is an {@link IllegalArgumentException}.
     */
    public Archetype forCode4(String code4) {
        if (code4 == null || !KEY.matcher(code4).matches()) {
            throw new IllegalArgumentException("not an oceanCode4: " + code4);
        }
        Archetype found = byKey.get(code4);
        return found != null ? found : fallback(code4);
    }

    private static Archetype fallback(String code4) {
        StringBuilder levels = new StringBuilder();
        Trait[] traits = Trait.values();
        for (int i = 0; i < 4; i++) {
            Level level = Level.values()[code4.charAt(i) - '1'];
            levels.append(i == 0 ? "" : i == 3 ? " and " : ", ")
                    .append(level.word().toLowerCase(java.util.Locale.ROOT)).append(' ').append(traits[i].apiName());
        }
        return new Archetype(code4, "The Uncharted Current", "A profile with " + levels
                + ". No written portrait exists for this combination yet.", FALLBACK_COLOR, false);
    }

    /** Number of entries in the catalogue. */
    int size() {
        return byKey.size();
    }

    /** All entries, in file order. */
    Collection<Archetype> all() {
        return byKey.values();
    }
}
