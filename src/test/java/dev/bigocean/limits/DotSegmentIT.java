package dev.bigocean.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bigocean.testsupport.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Limits apply to the path that routing uses, not to the raw request line: dot segments ({@code /q/../api/…}, also
 * percent-encoded) neither skip the rate limit nor move a sign-in out of the stricter auth bucket. Requests go over a
 * raw socket so that no client library normalises the path first.
 */
@QuarkusTest
@TestProfile(LowLimitsProfile.class)
class DotSegmentIT {

    /** Status line and body of one raw HTTP/1.1 request. */
    record Raw(int status, String body) {
    }

    static Raw raw(String method, String rawPath, String ip, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: " + ip
                    + "\r\nAccept: application/json\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            return new Raw(status, split < 0 ? "" : response.substring(split + 4));
        }
    }

    @Test
    void dotSegmentsDoNotSkipTheRateLimit() throws IOException {
        String session = Api.startSession();
        String ip = RateLimitIT.newIp();
        List<String> paths = List.of(
                "/q/../api/assessment/" + session + "/results",
                "/q/%2e%2e/api/assessment/" + session + "/results",
                "/health/../api/assessment/" + session + "/results",
                "/q/./../api/assessment/" + session + "/results",
                "/api/assessment/./" + session + "/results");
        for (String path : paths) {
            Raw answer = raw("GET", path, ip, null);
            assertEquals(200, answer.status(), path + " reaches the API");
        }
        Raw limited = raw("GET", paths.get(0), ip, null);
        assertEquals(429, limited.status(), limited.body());
        assertTrue(limited.body().contains("\"RateLimitExceeded\""), limited.body());
    }

    @Test
    void aDotSegmentSignInCountsInTheAuthBucket() throws IOException {
        String ip = RateLimitIT.newIp();
        String body = "{\"email\":\"nobody@example.com\",\"password\":\"not-the-password\"}";
        for (String path : List.of("/api/x/../auth/sign-in/email", "//api//auth/sign-in/email", "/api/auth;v=1/sign-in/email")) {
            Raw answer = raw("POST", path, ip, body);
            assertEquals(401, answer.status(), path + ": " + answer.body());
            assertTrue(answer.body().contains("\"InvalidCredentials\""), answer.body());
        }
        Raw limited = raw("POST", "/api/x/%2E%2E/auth/sign-in/email", ip, body);
        assertEquals(429, limited.status(), "the fourth sign-in attempt is over the auth limit of 3: " + limited.body());
        assertTrue(limited.body().contains("sign-in attempts"), limited.body());
    }
}
