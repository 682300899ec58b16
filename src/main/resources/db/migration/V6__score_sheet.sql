-- The score sheet of a session, kept current where evidence is committed (the analyzer's transaction), so that reads
-- never aggregate evidence rows. Per facet in canonical order: the unrounded weighted score and the confidence
-- (domain.md §3); traits, codes and the archetype are derived from these 30 pairs.
CREATE TABLE score_sheet (
    session_id     uuid PRIMARY KEY REFERENCES assessment_session (id) ON DELETE CASCADE,
    raw_scores     double precision[] NOT NULL CHECK (cardinality(raw_scores) = 30),
    confidences    smallint[] NOT NULL CHECK (cardinality(confidences) = 30),
    evidence_count integer NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Any change to a session's evidence by any writer drops its sheet; the writer that computes a new one (the analyzer)
-- stores it in the same transaction, and a read that finds no sheet aggregates the rows itself. So a stored sheet
-- always equals the aggregation of the stored rows.
CREATE FUNCTION score_sheet_invalidate() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM score_sheet WHERE session_id = OLD.session_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        DELETE FROM score_sheet WHERE session_id = NEW.session_id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER facet_evidence_changed AFTER INSERT OR UPDATE OR DELETE ON facet_evidence
    FOR EACH ROW EXECUTE FUNCTION score_sheet_invalidate();
