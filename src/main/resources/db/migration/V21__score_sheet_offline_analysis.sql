-- Whether a session's analyses ran on the offline analyzer, kept with its score sheet where a finished job commits
-- (the job's transaction), so that a results read no longer aggregates the session's analysis jobs, and a session keeps
-- its answer when retention deletes its old finished jobs. NULL: no job of the session has finished, or the sheet was
-- stored by a release before this one (a read then asks the jobs, as before).
ALTER TABLE score_sheet ADD COLUMN offline_analysis boolean;

UPDATE score_sheet sc
   SET offline_analysis = (SELECT bool_or(j.model ILIKE 'offline%') FROM analysis_job j
                           WHERE j.session_id = sc.session_id AND j.status = 'done' AND j.model IS NOT NULL);
