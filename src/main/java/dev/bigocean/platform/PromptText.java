package dev.bigocean.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt file with {@code {name}} placeholders, split once when it is loaded. Filling it is concatenation: values
 * are inserted as they are, never read as template text. A user message filled here is handed to the AI service as the
 * message itself, since quarkus-langchain4j parses a {@code @UserMessage} template with Qute on every call.
 */
public final class PromptText {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private final String resource;
    /** The text between placeholders: one more than {@link #names}. */
    private final List<String> literals = new ArrayList<>();
    /** The placeholders' names in order of appearance (a name may appear more than once). */
    private final List<String> names = new ArrayList<>();
    private final Set<String> distinctNames;
    private final int length;

    private PromptText(String resource, String text) {
        this.resource = resource;
        this.length = text.length();
        Matcher m = PLACEHOLDER.matcher(text);
        int from = 0;
        while (m.find()) {
            literals.add(text.substring(from, m.start()));
            names.add(m.group(1));
            from = m.end();
        }
        literals.add(text.substring(from));
        this.distinctNames = Set.copyOf(names); // a name may appear more than once
    }

    /** The classpath resource {@code resource} (UTF-8) as a prompt to fill. */
    public static PromptText load(String resource) {
        return new PromptText(resource, PromptResources.text(resource));
    }

    /** The file's length in characters, placeholders included (for worst-case cost estimates). */
    public int length() {
        return length;
    }

    /**
     * The text with every placeholder replaced by its value. {@code values} must name exactly the file's placeholders:
     * a missing or an unknown name is a programming error, refused with an {@link IllegalArgumentException}.
     */
    public String fill(Map<String, String> values) {
        if (!values.keySet().equals(distinctNames)) {
            throw new IllegalArgumentException(resource + " has the placeholders " + distinctNames + ", given " + values.keySet());
        }
        int size = length;
        for (String name : names) {
            size += values.get(name).length();
        }
        StringBuilder out = new StringBuilder(size);
        for (int i = 0; i < names.size(); i++) {
            out.append(literals.get(i)).append(values.get(names.get(i)));
        }
        return out.append(literals.get(names.size())).toString();
    }
}
