-- What the analyzer calls of a job cost, in micro-USD at the configured prices (summed over attempts), as for messages.
ALTER TABLE analysis_job ADD COLUMN cost_micros bigint;
