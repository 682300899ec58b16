-- IPIP-NEO-120 questionnaire answers: one row per session, answers as {"<item id>": 1..5}. A PUT merges its answers
-- into the row with one upsert (one statement, one transaction, concurrent PUTs never lose each other's items).
CREATE TABLE questionnaire_response (
    session_id uuid PRIMARY KEY REFERENCES assessment_session (id) ON DELETE CASCADE,
    answers    jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(answers) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
