-- Big Ocean schema: users and auth sessions, assessment sessions, messages, facet evidence,
-- public profiles and the durable analysis queue.

CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    email         text,
    name          text NOT NULL DEFAULT '',
    password_hash text,
    oidc_issuer   text,
    oidc_subject  text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT app_user_oidc_pair CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX app_user_oidc_key ON app_user (oidc_issuer, oidc_subject) WHERE oidc_issuer IS NOT NULL;

CREATE TABLE auth_session (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash   text NOT NULL UNIQUE,
    expires_at   timestamptz NOT NULL,
    refreshed_at timestamptz NOT NULL DEFAULT now(),
    created_at   timestamptz NOT NULL DEFAULT now(),
    ip_address   text,
    user_agent   text
);
CREATE INDEX auth_session_user ON auth_session (user_id);
CREATE INDEX auth_session_expiry ON auth_session (expires_at);

CREATE TABLE assessment_session (
    id                uuid PRIMARY KEY,
    user_id           uuid REFERENCES app_user (id) ON DELETE SET NULL,
    status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'expired')),
    message_count     integer NOT NULL DEFAULT 0 CHECK (message_count >= 0),
    turn_lock         uuid,
    turn_locked_until timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    last_activity_at  timestamptz NOT NULL DEFAULT now(),
    completed_at      timestamptz
);
CREATE INDEX assessment_session_user ON assessment_session (user_id, created_at DESC) WHERE user_id IS NOT NULL;

CREATE TABLE assessment_message (
    id              uuid PRIMARY KEY,
    session_id      uuid NOT NULL REFERENCES assessment_session (id) ON DELETE CASCADE,
    seq             integer NOT NULL,
    role            text NOT NULL CHECK (role IN ('user', 'assistant')),
    content         text NOT NULL,
    reply_to        uuid REFERENCES assessment_message (id) ON DELETE CASCADE,
    idempotency_key text,
    model           text,
    input_tokens    integer,
    output_tokens   integer,
    cost_micros     bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT assessment_message_order UNIQUE (session_id, seq)
);
-- Hot read: a session's messages in order (resume, Nerin context) is served by the unique (session_id, seq) index.
CREATE INDEX assessment_message_session_time ON assessment_message (session_id, created_at);
CREATE UNIQUE INDEX assessment_message_reply ON assessment_message (reply_to) WHERE reply_to IS NOT NULL;
CREATE UNIQUE INDEX assessment_message_idempotency ON assessment_message (session_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

CREATE TABLE facet_evidence (
    id              uuid PRIMARY KEY,
    session_id      uuid NOT NULL REFERENCES assessment_session (id) ON DELETE CASCADE,
    message_id      uuid NOT NULL REFERENCES assessment_message (id) ON DELETE CASCADE,
    facet           text NOT NULL CHECK (facet IN (
        'imagination', 'artistic_interests', 'emotionality', 'adventurousness', 'intellect', 'liberalism',
        'self_efficacy', 'orderliness', 'dutifulness', 'achievement_striving', 'self_discipline', 'cautiousness',
        'friendliness', 'gregariousness', 'assertiveness', 'activity_level', 'excitement_seeking', 'cheerfulness',
        'trust', 'morality', 'altruism', 'cooperation', 'modesty', 'sympathy',
        'anxiety', 'anger', 'depression', 'self_consciousness', 'immoderation', 'vulnerability')),
    score           smallint NOT NULL CHECK (score BETWEEN 0 AND 20),
    confidence      smallint NOT NULL CHECK (confidence BETWEEN 0 AND 100),
    quote           text NOT NULL,
    highlight_start integer NOT NULL CHECK (highlight_start >= 0),
    highlight_end   integer NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT facet_evidence_range CHECK (highlight_end > highlight_start)
);
-- Hot reads: a session's evidence per facet in creation order (scoring, /evidence/facet) and a message's evidence.
CREATE INDEX facet_evidence_session_facet ON facet_evidence (session_id, facet, created_at, id);
CREATE INDEX facet_evidence_message ON facet_evidence (message_id);

CREATE TABLE public_profile (
    id         uuid PRIMARY KEY,
    session_id uuid NOT NULL UNIQUE REFERENCES assessment_session (id) ON DELETE CASCADE,
    is_public  boolean NOT NULL DEFAULT true,
    view_count bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Durable analysis queue (an outbox written in the same transaction as the user message).
CREATE TABLE analysis_job (
    id             uuid PRIMARY KEY,
    message_id     uuid NOT NULL UNIQUE REFERENCES assessment_message (id) ON DELETE CASCADE,
    session_id     uuid NOT NULL REFERENCES assessment_session (id) ON DELETE CASCADE,
    status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts       integer NOT NULL DEFAULT 0,
    run_after      timestamptz NOT NULL DEFAULT now(),
    lock_token     uuid,
    locked_until   timestamptz,
    error_tag      text,
    error_detail   text,
    dropped_items  integer NOT NULL DEFAULT 0,
    evidence_count integer NOT NULL DEFAULT 0,
    model          text,
    input_tokens   integer,
    output_tokens  integer,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    completed_at   timestamptz
);
CREATE INDEX analysis_job_ready ON analysis_job (run_after) WHERE status IN ('pending', 'running');
CREATE INDEX analysis_job_session ON analysis_job (session_id);

CREATE FUNCTION analysis_job_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('analysis_jobs', NEW.id::text);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER analysis_job_inserted AFTER INSERT ON analysis_job
    FOR EACH ROW EXECUTE FUNCTION analysis_job_notify();
