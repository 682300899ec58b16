package dev.bigocean.platform;

/** The statements that make a schema look migrated by a newer release, for the tests of a start on such a schema. */
final class NewerRelease {

    private NewerRelease() {
    }

    /** Records {@code version} in Flyway's history as a newer release's migration, applied with success. */
    static String migrationApplied(int version) {
        return "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                + "installed_by, execution_time, success) SELECT max(installed_rank) + 1, '" + version + "', 'a newer "
                + "release', 'SQL', 'V" + version + "__a_newer_release.sql', 0, 'test', 1, true FROM flyway_schema_history";
    }

    /** Sets the oldest release the schema still runs to {@code release}. */
    static String runsFrom(int release) {
        return "UPDATE schema_compatibility SET oldest_release = " + release;
    }
}
