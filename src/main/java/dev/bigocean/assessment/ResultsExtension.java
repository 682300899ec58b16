package dev.bigocean.assessment;

import dev.bigocean.assessment.api.ResultsResponse;

/**
 * Something a feature above {@code assessment/} adds to a session's results (the questionnaire baseline and its
 * agreement with the conversation), so that {@code assessment/} does not depend on that feature. The extension names
 * one SQL expression that the results query selects beside the session and its score sheet, so a results read stays
 * one database round trip; it then turns that value into its part of the results, after the session check.
 */
public interface ResultsExtension {

    /**
     * A scalar SQL expression over the session row, aliased {@code s} (e.g. a subquery on a table the extension owns,
     * {@code (SELECT … FROM t WHERE t.session_id = s.id)}).
     */
    String column();

    /**
     * {@code results} with what this extension adds, from the value its {@link #column()} selected (null: SQL NULL). It
     * must depend on nothing else: {@link JsonMemo} keeps results by these values (compared with {@code equals}) and
     * the session's scores.
     */
    ResultsResponse extend(Object value, ResultsResponse results);
}
