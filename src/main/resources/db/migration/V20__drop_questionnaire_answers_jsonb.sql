-- Version 19 kept the jsonb answers for one release, with two triggers carrying what the release before it wrote there
-- into the codes while a rolling deploy replaced its instances. That release is gone: no instance reads or writes the
-- column any more (version 19's release never did), so the column, its triggers and both functions go. A database is
-- upgraded through version 19 first, so nothing stored only in jsonb is lost; an instance of a release before version 19
-- must not run against this schema (its questionnaire statements name the column).
DROP TRIGGER questionnaire_answers_inserted ON questionnaire_response;
DROP TRIGGER questionnaire_answers_updated ON questionnaire_response;
DROP FUNCTION questionnaire_answers_written();
DROP FUNCTION questionnaire_codes(jsonb);
ALTER TABLE questionnaire_response DROP COLUMN answers;
