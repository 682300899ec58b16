-- The language of the conversation (ISO 639-1 code, the primary subtag of the BCP-47 tag the client asked for).
ALTER TABLE assessment_session ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2}$');
