-- The steering focus (a facet api name) each Nerin reply was asked to follow: steering avoids repeating it.
ALTER TABLE assessment_message ADD COLUMN focus text;
