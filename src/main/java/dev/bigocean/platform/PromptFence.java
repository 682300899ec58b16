package dev.bigocean.platform;

import java.util.regex.Pattern;

/**
 * Keeps user-controlled text inside its fence in the Nerin and analyzer prompts: a tag that would close (or open) the
 * {@code <user_message>}, {@code <conversation>} or {@code <interviewer_question>} fence is rewritten with square
 * brackets, so the text can never end its fence early and pose as instructions. Only those tags change; every other
 * character stays as written.
 */
public final class PromptFence {

    private static final Pattern FENCE_TAG = Pattern.compile(
            "<\\s*(/?)\\s*(user_message|conversation|interviewer_question)\\s*>", Pattern.CASE_INSENSITIVE);

    /** Shown to the analyzer when the user spoke before Nerin asked anything. */
    public static final String NO_QUESTION = "(no question yet: the person opened the conversation)";

    private PromptFence() {
    }

    public static String neutralise(String text) {
        return text == null ? "" : FENCE_TAG.matcher(text).replaceAll("[$1$2]");
    }

    public static String question(String question) {
        return question == null || question.isBlank() ? NO_QUESTION : neutralise(question);
    }
}
