package dev.bigocean.platform;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps user-controlled text inside its fence in the Nerin and analyzer prompts. Every user-derived string (the user's
 * message, the verbatim history, the gist of older messages, the Nerin question the analyzer sees) goes through
 * {@link #neutralise} before it is placed between fence tags, so it can neither close its fence nor open another:
 * <ul>
 * <li>anything a model could read as one of the fence tags ({@link #FENCES}) — any case, spaces or {@code -} for the
 * underscore, invisible format characters inside, attributes, a backslash before the slash, full-width angle brackets —
 * gets square brackets instead of its angle brackets ({@code </user_message>} → {@code [/user_message]});</li>
 * <li>chat-template control tokens that some self-hosted servers (vLLM, Ollama) would still tokenise as real role
 * boundaries ({@code <|im_start|>}, {@code <|eot_id|>}, {@code <s>}, {@code <<SYS>>}, {@code [INST]},
 * {@code <start_of_turn>}) are bracketed the same way ({@code [INST]} gets parentheses).</li>
 * </ul>
 * Nothing else changes and the text keeps its length, so the analyzer's quotes still match the user's own words.
 */
public final class PromptFence {

    /** The fence tags of the prompt templates (each used as {@code <name>} … {@code </name>}). */
    static final List<String> FENCES = List.of("user_message", "conversation", "interviewer_question", "earlier_messages");

    /** The characters a fence tag can open with; a control token opens with {@code <} or {@code [}. */
    private static final String OPENERS = "<\uFF1C\uFE64\u2039\u3008\u27E8";
    private static final String OPEN = "[" + OPENERS + "]";
    private static final String CLOSE = "[>\\uFF1E\\uFE65\\u203A\\u3009\\u27E9]";
    private static final String GAP = "[\\s\\p{Cf}]*";

    private static final Pattern FENCE_TAG = Pattern.compile(
            OPEN + GAP + "[/\\\\]{0,2}" + GAP + "(?:" + String.join("|", FENCES.stream().map(PromptFence::loose).toList()) + ")"
                    + "(?![\\p{L}\\p{N}])[^<>\\n]{0,200}?" + CLOSE,
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern CONTROL_TOKEN = Pattern.compile(
            "<\\|[^|<>\\n]{0,40}\\|>|</?s>|<<\\s*/?\\s*SYS\\s*>>|\\[\\s*/?\\s*INST\\s*]|</?\\s*(?:start_of_turn|end_of_turn)\\s*>",
            Pattern.CASE_INSENSITIVE);

    /** Shown to the analyzer when the user spoke before Nerin asked anything. */
    static final String NO_QUESTION = "(no question yet: the person opened the conversation)";

    private PromptFence() {
    }

    public static String neutralise(String text) {
        if (text == null) {
            return "";
        }
        return canOpen(text) ? bracket(CONTROL_TOKEN, bracket(FENCE_TAG, text)) : text;
    }

    /**
     * Whether the text holds a character that a fence tag or a control token starts with. Most messages hold none, and
     * this is much cheaper than the two searches; every history message of every turn goes through here.
     */
    private static boolean canOpen(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || OPENERS.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    public static String question(String question) {
        return question == null || question.isBlank() ? NO_QUESTION : neutralise(question);
    }

    /** A fence name whose letters may be split by invisible characters and whose underscores may be spaces or dashes. */
    private static String loose(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (!out.isEmpty()) {
                out.append("\\p{Cf}*");
            }
            out.append(c == '_' ? "[\\s_\\-]*" : Pattern.quote(String.valueOf(c)));
        }
        return out.toString();
    }

    /**
     * Replaces the first and last character of every match: angle brackets become square brackets, square brackets
     * ({@code [INST]}) become parentheses.
     */
    private static String bracket(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        do {
            String tag = m.group();
            out.append(text, from, m.start())
                    .append(tag.charAt(0) == '[' ? '(' : '[')
                    .append(tag, 1, tag.length() - 1)
                    .append(tag.charAt(tag.length() - 1) == ']' ? ')' : ']');
            from = m.end();
        } while (m.find());
        return out.append(text, from, text.length()).toString();
    }
}
