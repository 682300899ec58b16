package dev.bigocean.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A request that Vert.x refuses before any route runs (no or a malformed {@code Host} header) is answered like any
 * other bad input: {@code 400 ValidationError} naming the header, with a request id. Sent over a raw socket, since
 * HTTP clients always add a valid {@code Host}.
 */
@QuarkusTest
class UnroutableRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The whole response to {@code head} (a request without a body). */
    private static String raw(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aMissingOrMalformedHostIsAValidationError() throws IOException {
        for (String host : new String[] {"", "Host: a b c\r\n", "Host: example.org:99999999\r\n"}) {
            String response = raw("GET /api/questionnaire HTTP/1.1\r\n" + host + "X-Request-Id: probe-1\r\nConnection: close\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 400 "), response);
            assertTrue(response.contains("X-Request-Id: probe-1\r\n"), response);
            JsonNode body = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertEquals("ValidationError", body.path("_tag").asText(), response);
            assertEquals("Host", body.path("field").asText(), response);
            assertEquals("probe-1", body.path("requestId").asText(), response);
        }
    }

    @Test
    void otherRequestsAreRoutedAsBefore() throws IOException {
        String response = raw("GET /api/no-such-endpoint HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 404 "), response);
        assertTrue(response.contains("\"_tag\":\"NotFound\""), response);
        assertTrue(raw("GET /health HTTP/1.0\r\n\r\n").startsWith("HTTP/1.0 200 "), "HTTP/1.0 needs no Host");
    }
}
