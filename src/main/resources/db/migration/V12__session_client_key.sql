-- The client address an anonymous session was started from, as the pseudonymous key of its daily spending cap
-- (limits/CostBudget.clientKey: a SHA-256 prefix, never the address). Analyzer calls, which run off the request, are
-- charged to it besides the session's budget. Erased with the session.
ALTER TABLE assessment_session ADD COLUMN client_key text;
