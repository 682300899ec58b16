package dev.bigocean.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application's reactive pool points at a port nobody listens on: migrations still run over JDBC against the real
 * server, so the application starts; the test profile's schema validation, which would use the reactive pool, is off,
 * as it is in production.
 */
public class PostgresUnreachableProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try (ServerSocket socket = new ServerSocket(0)) {
            String url = "postgresql://127.0.0.1:" + socket.getLocalPort() + "/postgres";
            return Map.of("quarkus.datasource.reactive.url", url,
                    "quarkus.hibernate-orm.schema-management.strategy", "none");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
