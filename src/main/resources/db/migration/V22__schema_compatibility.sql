-- The oldest release that still runs correctly on this schema, named by the version of that release's newest
-- migration. A release whose newest migration is older than the schema's (a rollback, or an instance of the release
-- before restarting during a rolling deploy) starts without migrating when its version is at least this one, and
-- refuses to start otherwise, naming both (platform/SchemaMigrations). Each release keeps the release just before it
-- working on its schema, so a migration leaves this value as it is; one that drops or changes what the release before
-- still uses raises it, in the same script, to the version of its own release.
CREATE TABLE schema_compatibility (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    oldest_release integer NOT NULL
);

-- The release before this one (newest migration V21) runs on this schema: V22 only adds this table.
INSERT INTO schema_compatibility (oldest_release) VALUES (21);
