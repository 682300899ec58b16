package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aLiveLeftoverOfTheExpectedProgramIsStopped() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sleep")), "needs a POSIX sleep");
        Process leftover = new ProcessBuilder("/bin/sleep", "300").start();
        try {
            Path pidFile = write(leftover.pid() + "\n" + dir);
            assertTrue(LeftoverServer.stop(pidFile, "sleep", "300", "Leftover sleep", WAIT));
            assertTrue(leftover.waitFor(5, TimeUnit.SECONDS), "the leftover process exited");
        } finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void aPidReusedByAnotherProgramIsNeverStoppedAndTheStaleFileGoes() throws IOException {
        Path pidFile = write(String.valueOf(ProcessHandle.current().pid()));
        assertFalse(LeftoverServer.stop(pidFile, "postgres", null, "Embedded PostgreSQL", WAIT));
        assertFalse(Files.exists(pidFile), "stale pid file removed");
    }

    @Test
    void aProcessOfTheSameProgramStartedForAnotherDirectoryIsLeftAlone() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sleep")), "needs a POSIX sleep");
        Process other = new ProcessBuilder("/bin/sleep", "301").start();
        try {
            Path pidFile = write(String.valueOf(other.pid()));
            assertFalse(LeftoverServer.stop(pidFile, "sleep", "300", "Leftover sleep", WAIT));
            assertTrue(other.isAlive(), "another directory's server keeps running");
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aDeadPidOrNoFileIsNothingToStop() throws IOException, InterruptedException {
        assertFalse(LeftoverServer.stop(dir.resolve("missing.pid"), "postgres", null, "Embedded PostgreSQL", WAIT));
        Process exited = new ProcessBuilder("java", "-version").start();
        exited.waitFor();
        Path pidFile = write(String.valueOf(exited.pid()));
        assertFalse(LeftoverServer.stop(pidFile, "postgres", null, "Embedded PostgreSQL", WAIT));
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("server.pid");
        Files.writeString(file, content);
        return file;
    }
}
