package dev.bigocean.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * A connection with nothing read or written for {@code HTTP_IDLE_TIMEOUT} is closed by the service (here 2 s instead of
 * the default 120 s), whether it never sent a request or was kept alive after one: connections that only sit there
 * cannot pile up until the process runs out of file descriptors.
 */
@QuarkusTest
@TestProfile(IdleConnectionIT.ShortIdle.class)
class IdleConnectionIT {

    /** Far past the 2 s: a read that has not ended by then means the connection was kept. */
    private static final int PATIENCE_MS = 15_000;

    public static class ShortIdle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "2S");
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(PATIENCE_MS);
            assertEquals(-1, socket.getInputStream().read(), "the service closed the connection");
        }
    }

    @Test
    void aConnectionKeptAliveAfterARequestIsClosedOnceIdle() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(PATIENCE_MS);
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            for (int b = in.read(); b >= 0; b = in.read()) { // the answer, then the end once the connection is closed
                response.append((char) b);
            }
            assertTrue(response.toString().startsWith("HTTP/1.1 200"), "answered first: " + response);
        }
    }
}
