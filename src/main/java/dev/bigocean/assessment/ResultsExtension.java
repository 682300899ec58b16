package dev.bigocean.assessment;

import java.util.UUID;

import dev.bigocean.assessment.api.ResultsResponse;
import io.smallrye.mutiny.Uni;

/**
 * Something a feature above {@code assessment/} adds to a session's results (the questionnaire baseline and its
 * agreement with the conversation), so that {@code assessment/} does not depend on that feature. Called after the
 * session check, with the conversation's results.
 */
public interface ResultsExtension {

    Uni<ResultsResponse> extend(UUID sessionId, ResultsResponse results);
}
