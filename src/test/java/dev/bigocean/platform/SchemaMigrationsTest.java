package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.bigocean.platform.SchemaMigrations.Plan;
import dev.bigocean.platform.SchemaMigrations.Schema;

class SchemaMigrationsTest {

    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__.+\\.sql");
    private static final int LATEST = Integer.parseInt(SchemaMigrations.LATEST);

    @Test
    void latestIsTheNewestScript() throws IOException {
        try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration"))) {
            int newest = scripts.map(p -> SCRIPT.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
            assertEquals(newest, LATEST, "a new script moves SchemaMigrations.LATEST");
        }
    }

    @Test
    void onlyASuccessfulNewestMigrationSkipsFlyway() {
        assertEquals(Plan.CURRENT, plan(SchemaMigrations.LATEST, true, LATEST - 1));
        assertEquals(Plan.CURRENT, plan(SchemaMigrations.LATEST, true, null), "the release before V22 knew no compatibility");
        assertEquals(Plan.MIGRATE, plan(SchemaMigrations.LATEST, false, LATEST - 1), "a failed one: Flyway reports it");
        assertEquals(Plan.MIGRATE, plan(SchemaMigrations.LATEST, null, null));
        assertEquals(Plan.MIGRATE, plan(String.valueOf(LATEST - 1), true, null), "behind: Flyway migrates");
        assertEquals(Plan.MIGRATE, plan(String.valueOf(LATEST - 1), true, LATEST - 2));
        assertEquals(Plan.MIGRATE, plan(null, true, null), "a repeatable migration or a baseline row");
        assertEquals(Plan.MIGRATE, plan("2.1", true, null), "not a whole number: Flyway judges it");
        assertEquals(Plan.MIGRATE, Schema.UNKNOWN.plan(), "no history, or no reactive connection");
    }

    @Test
    void aNewerSchemaRunsTheReleasesItSays() {
        String newer = String.valueOf(LATEST + 2);
        assertEquals(Plan.NEWER, plan(newer, true, LATEST), "a rollback to the oldest release it runs");
        assertEquals(Plan.NEWER, plan(newer, true, LATEST - 1));
        assertEquals(Plan.TOO_NEW, plan(newer, true, LATEST + 1), "it no longer runs this release");
        assertEquals(Plan.TOO_NEW, plan(newer, true, null), "it says nothing: refused");
        assertEquals(Plan.MIGRATE, plan(newer, false, LATEST), "its newest migration failed: Flyway reports it");
        assertEquals(Plan.MIGRATE, plan("99999999999", true, LATEST), "not a version this project writes: Flyway judges it");
    }

    private static Plan plan(String version, Boolean success, Integer oldestRelease) {
        return new Schema(version, success, oldestRelease).plan();
    }
}
