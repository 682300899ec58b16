-- Erasing an account erases its assessments: no ON DELETE SET NULL path may leave a user's sessions (and their
-- messages, evidence, analysis jobs and profiles) behind as anonymous data.
ALTER TABLE assessment_session DROP CONSTRAINT assessment_session_user_id_fkey;
ALTER TABLE assessment_session ADD CONSTRAINT assessment_session_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE;
