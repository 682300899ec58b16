package dev.bigocean.analysis;

/**
 * The outbox side of the analysis queue, as SQL for the statement that stores user messages: the job is inserted by
 * that statement, so no message is ever stored without its job; an insert trigger NOTIFYs the workers.
 */
public final class AnalysisQueue {

    private AnalysisQueue() {
    }

    /**
     * An INSERT of one pending job for each row of {@code messages}, a CTE (or table) with the columns {@code id} (the
     * message) and {@code session_id}; to be run as a CTE of the statement that stores those messages.
     */
    public static String enqueueEach(String messages) {
        return "INSERT INTO analysis_job (id, message_id, session_id, status, run_after, created_at, updated_at)\n"
                + "SELECT gen_random_uuid(), id, session_id, 'pending', now(), now(), now() FROM " + messages;
    }
}
