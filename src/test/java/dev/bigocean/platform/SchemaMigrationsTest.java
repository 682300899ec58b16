package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__.+\\.sql");

    @Test
    void latestIsTheNewestScript() throws IOException {
        try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration"))) {
            int newest = scripts.map(p -> SCRIPT.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
            assertEquals(String.valueOf(newest), SchemaMigrations.LATEST, "a new script moves SchemaMigrations.LATEST");
        }
    }

    @Test
    void onlyASuccessfulNewestMigrationSkipsFlyway() {
        assertTrue(SchemaMigrations.isLatest(SchemaMigrations.LATEST, true));
        assertFalse(SchemaMigrations.isLatest(SchemaMigrations.LATEST, false), "a failed one: Flyway reports it");
        assertFalse(SchemaMigrations.isLatest(SchemaMigrations.LATEST, null));
        int latest = Integer.parseInt(SchemaMigrations.LATEST);
        assertFalse(SchemaMigrations.isLatest(String.valueOf(latest - 1), true), "behind: Flyway migrates");
        assertFalse(SchemaMigrations.isLatest(String.valueOf(latest + 1), true), "ahead (a newer release ran): Flyway validates");
        assertFalse(SchemaMigrations.isLatest(null, true), "a repeatable migration or a baseline row");
    }
}
