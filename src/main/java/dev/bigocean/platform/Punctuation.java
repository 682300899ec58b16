package dev.bigocean.platform;

/**
 * The punctuation that ends sentences and clauses in the text the service cuts or quotes: a reply kept up to its last
 * sentence, the offline interviewer's echo, the offline analyzer's quotes. Latin marks, and the Chinese and Japanese
 * ones, which need no space after them.
 */
public final class Punctuation {

    /** Sentence ends that need no space after them: {@code 。！？}. */
    public static final String FULL_WIDTH_SENTENCE_ENDS = "\u3002\uFF01\uFF1F";
    /**
     * Clause breaks: {@code , ; : — – ( )}, and the ideographic comma and the full-width comma, semicolon, colon and
     * brackets.
     */
    public static final String CLAUSE_BREAKS = ",;:\u2014\u2013()\u3001\uFF0C\uFF1B\uFF1A\uFF08\uFF09";

    private Punctuation() {
    }
}
