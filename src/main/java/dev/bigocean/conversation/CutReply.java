package dev.bigocean.conversation;

import dev.bigocean.platform.Punctuation;

/**
 * A reply the model stopped at its token limit ({@code NERIN_MAX_TOKENS}) ends in the middle of a sentence, often of a
 * word. What is stored and answered is the reply up to the end of its last complete sentence: a full stop, question or
 * exclamation mark or ellipsis, in Latin or CJK punctuation, with the quotes or brackets that close it, followed by a
 * space or the end of the text (so that the point of {@code 3.5} ends nothing). A reply without one is kept whole, with
 * an ellipsis to show it was cut.
 */
final class CutReply {

    private static final String ENDS = ".!?…" + Punctuation.FULL_WIDTH_SENTENCE_ENDS;
    private static final String CLOSERS = "\"'”’)]»」』）";

    private CutReply() {
    }

    /** {@code text} up to the end of its last complete sentence, or whole with an ellipsis when it has none. */
    static String atLastSentence(String text) {
        String stripped = text.strip();
        for (int i = stripped.length() - 1; i > 0; i--) {
            char c = stripped.charAt(i);
            if (ENDS.indexOf(c) < 0) {
                continue;
            }
            int end = i + 1;
            while (end < stripped.length() && CLOSERS.indexOf(stripped.charAt(end)) >= 0) {
                end++;
            }
            if (end == stripped.length() || Character.isWhitespace(stripped.charAt(end))
                    || Punctuation.FULL_WIDTH_SENTENCE_ENDS.indexOf(c) >= 0) {
                return stripped.substring(0, end);
            }
        }
        return stripped.endsWith("…") ? stripped : stripped + "…";
    }
}
