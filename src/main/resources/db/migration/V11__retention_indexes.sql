-- Retention sweeps (privacy/Retention) find what has outlived its period without scanning whole tables.
CREATE INDEX assessment_message_idempotency_age ON assessment_message (created_at) WHERE idempotency_key IS NOT NULL;
CREATE INDEX assessment_session_anonymous_idle ON assessment_session (last_activity_at)
    WHERE user_id IS NULL AND status <> 'completed';
CREATE INDEX analysis_job_finished ON analysis_job (completed_at) WHERE status IN ('done', 'failed');
