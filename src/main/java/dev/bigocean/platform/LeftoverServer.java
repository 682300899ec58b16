package dev.bigocean.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

/**
 * An embedded server that an earlier run left behind: when the JVM is killed hard (kill -9, a crash, a closed
 * terminal), PostgreSQL and Redis keep running and keep their pid file in the data directory. The next start calls
 * {@link #stop} before starting its own server: a live process of the expected program is asked to stop (SIGTERM: a
 * clean shutdown for both servers), a pid file naming a dead or unrelated process is removed as stale.
 */
final class LeftoverServer {

    private static final Logger LOG = Logger.getLogger(LeftoverServer.class);

    private LeftoverServer() {
    }

    /**
     * Stops the process named by the first line of {@code pidFile} if it is {@code program} (matched against the
     * executable's file name) and, when its arguments are known and {@code argument} is given, was started with that
     * argument; then waits for it to exit.
     *
     * @return whether a live leftover server was stopped
     * @throws IllegalStateException with a message saying what to do, when the process cannot be identified or does not
     *         stop within {@code wait}
     */
    static boolean stop(Path pidFile, String program, String argument, String what, Duration wait) {
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || process.get().pid() == ProcessHandle.current().pid()) {
            deleteStale(pidFile);
            return false;
        }
        Optional<String> command = process.get().info().command();
        if (command.isEmpty()) {
            throw new IllegalStateException(String.format(
                    "%s: process %d named in %s may be a %s left running by an earlier run; stop it (or delete the file if it is not) and start again",
                    what, pid.get(), pidFile, program));
        }
        Optional<String[]> arguments = process.get().info().arguments();
        boolean otherArguments = argument != null && arguments.isPresent() && !List.of(arguments.get()).contains(argument);
        if (!Path.of(command.get()).getFileName().toString().startsWith(program) || otherArguments) {
            deleteStale(pidFile);
            return false;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(String.format(
                    "%s: the %s left running by an earlier run (pid %d) did not stop within %ds; stop it and start again",
                    what, program, pid.get(), wait.toSeconds()));
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + ": could not wait for process " + pid.get(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted while stopping process " + pid.get(), e);
        }
        LOG.infof("Stopped the %s (pid %d) that an earlier run left running in %s", what, pid.get(), pidFile.getParent());
        return true;
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteStale(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.debugf("Could not delete stale pid file %s: %s", pidFile, e);
        }
    }
}
