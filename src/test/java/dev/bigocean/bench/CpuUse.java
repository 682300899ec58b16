package dev.bigocean.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU time went during a measured run, in milliseconds: the service; the PostgreSQL and Redis servers
 * on this machine (every process of that name, plus the exited backends the server's parent process has reaped); the load
 * generator (the children this JVM has reaped: the {@code wrk} runs); and the machine as a whole, busy and in total. The
 * benchmark shares two cores among all of them, so these say why a throughput stops where it does. Read from
 * {@code /proc} in clock ticks of 10 ms (Linux's {@code USER_HZ}); where there is no {@code /proc} every figure is 0.
 */
record CpuUse(long serviceMs, long postgresMs, long redisMs, long loadMs, long busyMs, long totalMs) {

    private static final long MS_PER_TICK = 10;

    /** The CPU time used so far by each part, and by the machine. */
    static CpuUse now(Process service) {
        Map<Long, Stat> processes = processes();
        long[] machine = machine();
        Stat self = processes.get(ProcessHandle.current().pid());
        Stat app = processes.get(service.pid());
        return new CpuUse(app == null ? 0 : app.own(), server(processes, "postgres"), server(processes, "redis-server"),
                self == null ? 0 : self.children(), machine[0], machine[1]);
    }

    /** The CPU time each part used from {@code before} until this snapshot. */
    CpuUse since(CpuUse before) {
        return new CpuUse(serviceMs - before.serviceMs, postgresMs - before.postgresMs, redisMs - before.redisMs,
                loadMs - before.loadMs, busyMs - before.busyMs, totalMs - before.totalMs);
    }

    /** E.g. "CPU per request: service 140 µs, PostgreSQL 60 µs, Redis 0 µs, wrk 45 µs; cores 97% busy". */
    String per(String unit, long count) {
        return "CPU per " + unit + ": " + split(count);
    }

    /** E.g. "service 140 µs, PostgreSQL 60 µs, Redis 0 µs, wrk 45 µs; cores 97% busy", for each of {@code count}. */
    String split(long count) {
        if (count <= 0 || totalMs <= 0) {
            return "not measured";
        }
        return String.format(Locale.ROOT, "service %d µs, PostgreSQL %d µs, Redis %d µs, wrk %d µs; cores %.0f%% busy",
                serviceMs * 1000 / count, postgresMs * 1000 / count, redisMs * 1000 / count, loadMs * 1000 / count,
                100.0 * busyMs / totalMs);
    }

    /**
     * All the processes of one server (by the start of their name: the kernel keeps 15 characters, and the embedded
     * Redis binary's name goes on with its version), with what its reaped children used, counted at the top of its tree.
     */
    private static long server(Map<Long, Stat> processes, String name) {
        long ms = 0;
        for (Stat p : processes.values()) {
            if (p.name().startsWith(name)) {
                Stat parent = processes.get(p.parent());
                ms += p.own() + (parent != null && parent.name().startsWith(name) ? 0 : p.children());
            }
        }
        return ms;
    }

    private record Stat(String name, long parent, long own, long children) {
    }

    private static Map<Long, Stat> processes() {
        Map<Long, Stat> processes = new HashMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(d -> {
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    // pid (name) state ppid ... utime stime cutime cstime: the name may hold spaces and parentheses
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    processes.put(Long.parseLong(d.getFileName().toString()), new Stat(name, Long.parseLong(f[1]),
                            (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK,
                            (Long.parseLong(f[13]) + Long.parseLong(f[14])) * MS_PER_TICK));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while the list was read
                }
            });
        } catch (IOException noProc) {
            // not Linux
        }
        return processes;
    }

    /** The machine's busy and total CPU time ({@code /proc/stat}: busy is all but idle and I/O wait). */
    private static long[] machine() {
        try {
            List<String> line = List.of(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+"));
            long total = 0;
            for (int i = 1; i <= 8 && i < line.size(); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(line.get(i));
            }
            long idle = Long.parseLong(line.get(4)) + Long.parseLong(line.get(5));
            return new long[] { (total - idle) * MS_PER_TICK, total * MS_PER_TICK };
        } catch (IOException | RuntimeException noProc) {
            return new long[] { 0, 0 };
        }
    }
}
