package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbeddedPlatformTest {

    /** os.name and os.arch as the JVM reports them on each developer machine, and what the service must pick. */
    @ParameterizedTest
    @CsvSource({
            "Linux,          amd64,   linux-amd64,    postgres-linux-x86_64.txz,  redis-server-6.2.6-v5-linux-amd64",
            "Linux,          aarch64, linux-arm64v8,  postgres-linux-arm_64.txz,  redis-server-6.2.7-linux-arm64",
            "Mac OS X,       x86_64,  darwin-amd64,   postgres-darwin-x86_64.txz, redis-server-6.2.6-v5-darwin-amd64",
            "Mac OS X,       aarch64, darwin-arm64v8, postgres-darwin-arm_64.txz, redis-server-6.2.6-v5-darwin-arm64",
            "Windows 11,     amd64,   windows-amd64,  postgres-windows-x86_64.txz, redis-server-5.0.14.1-windows-amd64.exe",
            "Windows 10,     amd64,   windows-amd64,  postgres-windows-x86_64.txz, redis-server-5.0.14.1-windows-amd64.exe",
            "Windows 11,     aarch64, windows-amd64,  postgres-windows-x86_64.txz, redis-server-5.0.14.1-windows-amd64.exe",
    })
    void everyDeveloperMachineGetsItsBinaries(String os, String arch, String artifact, String pgResource, String redis) {
        EmbeddedPlatform platform = new EmbeddedPlatform(os, arch);
        assertEquals(Optional.of(artifact), platform.postgresArtifact());
        assertEquals(Optional.of(pgResource), platform.postgresResource());
        assertEquals(Optional.of(redis), platform.redisBinary());
    }

    @ParameterizedTest
    @CsvSource({ "Linux, ppc64le", "Linux, s390x", "Linux, riscv64", "FreeBSD, amd64", "SunOS, sparcv9" })
    void unsupportedMachinesAreToldWhichVariableToSet(String os, String arch) {
        EmbeddedPlatform platform = new EmbeddedPlatform(os, arch);
        assertEquals(Optional.empty(), platform.postgresArtifact());
        assertEquals(Optional.empty(), platform.redisBinary());
        IllegalStateException pg = assertThrows(IllegalStateException.class, platform::requirePostgres);
        assertTrue(pg.getMessage().contains("set DATABASE_URL"), pg.getMessage());
        IllegalStateException redis = assertThrows(IllegalStateException.class, platform::requireRedis);
        assertTrue(redis.getMessage().contains("set REDIS_URL"), redis.getMessage());
    }

    @Test
    void linuxOn32BitIntelHasRedisButNoPostgres() {
        EmbeddedPlatform platform = new EmbeddedPlatform("Linux", "i386");
        assertEquals(Optional.of("redis-server-6.2.7-linux-386"), platform.redisBinary());
        assertDoesNotThrow(platform::requireRedis);
        assertThrows(IllegalStateException.class, platform::requirePostgres);
    }

    /** The OS profiles of pom.xml put exactly this machine's PostgreSQL binaries on the classpath. */
    @Test
    void thisMachinesBinariesAreOnTheClasspath() {
        EmbeddedPlatform platform = EmbeddedPlatform.current();
        assertDoesNotThrow(platform::requirePostgres);
        assertDoesNotThrow(platform::requireRedis);
        for (String other : new String[] { "postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz", "postgres-darwin-x86_64.txz",
                "postgres-darwin-arm_64.txz", "postgres-windows-x86_64.txz", "postgres-linux-x86_64-alpine.txz" }) {
            if (!platform.postgresResource().orElseThrow().equals(other)) {
                assertEquals(null, getClass().getClassLoader().getResource(other), other + " must not be packaged on this machine");
            }
        }
    }
}
