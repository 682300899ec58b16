package dev.bigocean.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bigocean.identity.Accounts;
import dev.bigocean.testsupport.Api;
import dev.bigocean.testsupport.InfrastructureResource;
import dev.bigocean.testsupport.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Generated inputs over every endpoint's body, path, query and headers: wrong JSON types, empty, huge, unicode and
 * control-character strings, nulls, arrays, deep nesting, malformed UUIDs, huge numbers, and bad {@code Content-Type},
 * {@code Accept}, {@code Idempotency-Key}, {@code Cookie}, {@code Authorization} and {@code x-user-id} headers. No
 * input may give a 5xx, and every 4xx is a JSON body with a {@code _tag}. The corpus is seeded: a failure prints the
 * seed and the case, and the same seed reproduces it ({@code -Dgenerated.seed=…}, {@code -Dgenerated.cases=…}).
 * Requests go through {@code java.net.http} so paths reach the server as generated (percent-encoded, not normalised).
 */
@QuarkusTest
class GeneratedInputIT {

    static final long SEED = Long.getLong("generated.seed", 20261202L);
    static final int CASES = Integer.getInteger("generated.cases", 2000);
    static final String SECRET = "test-internal-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    /** One generated request. */
    record Case(int index, String method, String path, Map<String, String> headers, String body) {
        String describe() {
            String shown = body == null ? "(no body)" : body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body;
            Map<String, String> h = new LinkedHashMap<>();
            headers.forEach((k, v) -> h.put(k, v.length() > 80 ? v.substring(0, 80) + "…(" + v.length() + ")" : v));
            String p = path.length() > 200 ? path.substring(0, 200) + "…" : path;
            return "#" + index + " " + method + " " + p + " " + h + " " + shown;
        }
    }

    /** Values the generator draws from that only exist at run time (a real session, a signed-in user). */
    record Fixtures(String session, Accounts.Account account) {
    }

    /** One endpoint: how to generate its path, query and body. */
    record Endpoint(String method, Function<Random, String> path, Function<Random, String> body) {
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void noInputGivesA5xxAndEvery4xxIsATaggedJsonBody() throws Exception {
        InfrastructureResource.stub().respondWith(Stubs.nerin("Thank you for telling me. What else fills your days?"));
        Fixtures fixtures = new Fixtures(Api.startSession(), Accounts.signUp());
        Generator gen = new Generator(fixtures);
        List<Endpoint> endpoints = gen.endpoints();
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int skipped = 0;
        long started = System.nanoTime();
        List<Case> edges = edges(fixtures);
        for (int i = 0; i < edges.size() + CASES; i++) {
            Case c;
            if (i < edges.size()) {
                c = edges.get(i);
            } else {
                Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
                String method = random.nextInt(40) == 0 ? gen.pick(random, "GET", "POST", "PUT", "DELETE", "PATCH") : endpoint.method();
                c = new Case(i, method, endpoint.path().apply(random), gen.headers(random), endpoint.body().apply(random));
            }
            HttpRequest request;
            try {
                request = request(c);
            } catch (IllegalArgumentException e) {
                skipped++; // a header value java.net.http refuses to send (not an HTTP request at all)
                continue;
            }
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String problem = problem(response);
            if (problem != null) {
                failures.add(problem + " <- " + c.describe());
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("GeneratedInputIT: seed %d, %d cases (%d skipped) in %d ms, statuses %s%n", SEED, CASES, skipped,
                millis, statuses);
        assertTrue(failures.isEmpty(), failures.size() + " failing cases (seed " + SEED + "):\n"
                + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
        // the corpus reaches real handlers, not only the JSON parser
        assertTrue(statuses.getOrDefault(200, 0) > CASES / 20, "statuses " + statuses);
        assertTrue(statuses.keySet().stream().filter(s -> s >= 400 && s < 500).count() >= 5, "statuses " + statuses);
    }

    /**
     * Cases the random corpus reaches only rarely: text PostgreSQL cannot store (NUL, lone surrogates) in fields that
     * are stored, and the combinations that once gave a 500.
     */
    static List<Case> edges(Fixtures f) {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        String session = f.session();
        List<Case> cases = new ArrayList<>();
        for (String text : List.of("nul\\u0000byte", "lone \\ud800 surrogate", "\\udc00", "\\u0000")) {
            cases.add(new Case(-1, "POST", "/api/assessment/message", json,
                    "{\"sessionId\":\"" + session + "\",\"message\":\"" + text + "\"}"));
            cases.add(new Case(-1, "POST", "/api/auth/sign-up/email", json, "{\"email\":\"" + Accounts.newEmail()
                    + "\",\"password\":\"" + Accounts.PASSWORD + "\",\"name\":\"" + text + "\"}"));
            cases.add(new Case(-1, "POST", "/api/auth/sign-up/email", json, "{\"email\":\"a" + text + UUID.randomUUID()
                    + "@example.com\",\"password\":\"" + Accounts.PASSWORD + "\"}"));
            cases.add(new Case(-1, "POST", "/api/auth/sign-in/email", json, "{\"email\":\"" + f.account().email()
                    + "\",\"password\":\"" + text + "\"}"));
            cases.add(new Case(-1, "POST", "/api/assessment/start", json, "{\"userId\":\"" + text + "\"}"));
        }
        for (String encoded : List.of("%00", "%ED%A0%80", "%FF", "%C0%AF")) {
            cases.add(new Case(-1, "GET", "/api/evidence/facet?sessionId=" + session + "&facetName=" + encoded, Map.of(), null));
            cases.add(new Case(-1, "GET", "/api/evidence/facet?sessionId=" + encoded + "&facetName=anxiety", Map.of(), null));
            cases.add(new Case(-1, "GET", "/api/assessment/" + encoded + "/results", Map.of(), null));
            cases.add(new Case(-1, "GET", "/api/profile/" + encoded, Map.of(), null));
        }
        cases.add(new Case(-1, "POST", "/api/auth/sign-in/email", json,
                "{\"email\":\"" + "x".repeat(300) + "@example.com\",\"password\":\"short\"}"));
        cases.add(new Case(-1, "POST", "/api/assessment/message", Map.of("Content-Type", ""),
                "{\"sessionId\":\"" + session + "\",\"message\":\"hi\"}"));
        cases.add(new Case(-1, "POST", "/api/assessment/message", Map.of("Content-Type", "garbage", "Accept", "text/event-stream"),
                "{\"sessionId\":\"" + session + "\",\"message\":\"hi\"}"));
        cases.add(new Case(-1, "POST", "/api/assessment/message", Map.of("Content-Type", "application/json", "Accept", "text/event-stream"),
                "{\"sessionId\":\"" + session + "\",\"message\":\"nul\\u0000byte\"}"));
        return cases;
    }

    HttpRequest request(Case c) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + c.path()))
                .timeout(Duration.ofSeconds(30))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8));
        c.headers().forEach(builder::header);
        return builder.build();
    }

    /** What is wrong with a response, or null. */
    static String problem(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 500) {
            return status + " " + abbreviate(body);
        }
        if (status >= 400) {
            if (!type.startsWith("application/json")) {
                return status + " with Content-Type '" + type + "' " + abbreviate(body);
            }
            try {
                JsonNode node = JSON.readTree(body);
                if (node == null || !node.path("_tag").isTextual() || node.path("_tag").asText().isEmpty()) {
                    return status + " without _tag " + abbreviate(body);
                }
            } catch (IOException e) {
                return status + " with a body that is not JSON " + abbreviate(body);
            }
            return null;
        }
        if (type.startsWith("text/event-stream") && (body.contains("\"InternalError\"") || body.contains("\"DatabaseError\""))) {
            return status + " stream ended in an internal error " + abbreviate(body);
        }
        return null;
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** The seeded corpus. */
    static final class Generator {

        private final Fixtures fixtures;

        Generator(Fixtures fixtures) {
            this.fixtures = fixtures;
        }

        @SafeVarargs
        final <T> T pick(Random r, T... options) {
            return options[r.nextInt(options.length)];
        }

        List<Endpoint> endpoints() {
            return List.of(
                    new Endpoint("POST", r -> "/api/assessment/start", r -> body(r, Map.of("userId", this::userId))),
                    new Endpoint("POST", r -> "/api/assessment/message",
                            r -> body(r, Map.of("sessionId", this::sessionId, "message", this::message))),
                    new Endpoint("GET", r -> "/api/assessment/" + segment(r, this::sessionId) + "/resume", r -> null),
                    new Endpoint("GET", r -> "/api/assessment/" + segment(r, this::sessionId) + "/results", r -> null),
                    new Endpoint("POST", r -> "/api/profile/share", r -> body(r, Map.of("sessionId", this::sessionId))),
                    new Endpoint("GET", r -> "/api/profile/" + segment(r, this::uuid), r -> null),
                    new Endpoint("PATCH", r -> "/api/profile/" + segment(r, this::uuid) + "/visibility",
                            r -> body(r, Map.of("isPublic", this::bool))),
                    new Endpoint("GET", r -> "/api/evidence/facet" + query(r, Map.of("sessionId", this::sessionId, "facetName", this::facet)),
                            r -> null),
                    new Endpoint("GET", r -> "/api/evidence/message/" + segment(r, this::uuid), r -> null),
                    new Endpoint("POST", r -> "/api/admin/analysis/retry-failed" + query(r, Map.of("sessionId", this::sessionId)),
                            r -> r.nextBoolean() ? null : body(r, Map.of("sessionId", this::sessionId))),
                    new Endpoint("POST", r -> "/api/auth/sign-up/email", r -> body(r, Map.of("email", this::email,
                            "password", this::password, "name", this::name, "anonymousSessionId", this::sessionId))),
                    new Endpoint("POST", r -> "/api/auth/sign-in/email", r -> body(r, Map.of("email", this::email,
                            "password", this::password, "anonymousSessionId", this::sessionId))),
                    new Endpoint("POST", r -> "/api/auth/sign-out", r -> r.nextBoolean() ? null : value(r, this::string)),
                    new Endpoint("GET", r -> "/api/auth/get-session", r -> null),
                    new Endpoint("GET", r -> "/health", r -> null));
        }

        Map<String, String> headers(Random r) {
            Map<String, String> h = new LinkedHashMap<>();
            if (r.nextInt(4) == 0) {
                h.put("Content-Type", pick(r, "application/json", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
                        "application/json; charset=bogus", "application/json;;;", "*/*", "garbage", "", "text/event-stream",
                        "application/json; charset=\"", "application/octet-stream"));
            } else {
                h.put("Content-Type", "application/json");
            }
            if (r.nextInt(4) == 0) {
                h.put("Accept", pick(r, "application/json", "text/event-stream", "text/html", "*/*", "application/xml", "garbage",
                        "", "text/event-stream, application/json", "application/json;q=abc", "image/png", "text/*", "*/json",
                        "application/json;q=0, text/event-stream;q=0"));
            }
            if (r.nextInt(5) == 0) {
                h.put("Idempotency-Key", pick(r, UUID.randomUUID().toString(), "", " ", "x".repeat(3000), "key-" + r.nextInt(3),
                        "clé", "../../etc", "null", "\t"));
            }
            if (r.nextInt(5) == 0) {
                h.put("Cookie", pick(r, Accounts.COOKIE + "=" + fixtures.account().cookie(), Accounts.COOKIE + "=garbage",
                        Accounts.COOKIE + "=", "a", "=;=;", Accounts.COOKIE + "=" + "x".repeat(3000), Accounts.COOKIE + "=%00%ff",
                        Accounts.COOKIE + "=a; " + Accounts.COOKIE + "=b", Accounts.COOKIE + "=\"quoted\"", ";;;",
                        Accounts.COOKIE + "=" + fixtures.account().cookie() + "x"));
            }
            if (r.nextInt(5) == 0) {
                h.put("Authorization", pick(r, "Bearer x", "Bearer ", "Bearer a.b.c", "Basic Zm9vOmJhcg==", "garbage",
                        "Bearer " + "x".repeat(3000), "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "bearer", "Bearer  two spaces"));
            }
            if (r.nextInt(5) == 0) {
                h.put("x-user-id", pick(r, fixtures.account().userId(), UUID.randomUUID().toString(), "nope", "", " ",
                        "x".repeat(2000), fixtures.account().userId().toUpperCase(), "' OR 1=1 --"));
                if (r.nextBoolean()) {
                    h.put("x-internal-secret", r.nextInt(4) == 0 ? "wrong" : SECRET);
                }
            }
            return h;
        }

        // ---- bodies -------------------------------------------------------------------------------------------

        String body(Random r, Map<String, Function<Random, String>> fields) {
            int kind = r.nextInt(100);
            if (kind < 12) {
                return pick(r, "", " ", "null", "[]", "{}", "\"text\"", "42", "true", "{", "{\"a\":}", "\uFEFF{}", "{} x",
                        "/* c */ {}", "{'a':1}", "[{}]", "{\"a\":1,\"a\":2}", "NaN", "\u0000", "{\"\u0000\":1}", "1e999999",
                        nested(r.nextInt(2) == 0 ? 2000 : 50, r.nextBoolean()), "[" + "1,".repeat(20_000) + "1]");
            }
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            List<String> names = new ArrayList<>(fields.keySet());
            names.sort(null);
            for (String name : names) {
                if (r.nextInt(10) == 0) {
                    continue; // missing
                }
                out.append(first ? "" : ",").append(string(name, r.nextInt(8) == 0)).append(':');
                out.append(kind < 40 ? fields.get(name).apply(r) : value(r, fields.get(name)));
                first = false;
            }
            if (r.nextInt(6) == 0) {
                out.append(first ? "" : ",").append("\"extra\":").append(value(r, this::string));
            }
            return out.append('}').toString();
        }

        /** Any JSON value: often the field's own kind of value, otherwise a wrong type. */
        String value(Random r, Function<Random, String> own) {
            return switch (r.nextInt(12)) {
                case 0, 1, 2, 3 -> own.apply(r);
                case 4, 5 -> string(r);
                case 6 -> pick(r, "0", "-0", "1.5", "-1", "1e400", "-1e400", "99999999999999999999999999999", "1E-400", "0.0000001");
                case 7 -> pick(r, "true", "false");
                case 8 -> "null";
                case 9 -> pick(r, "[]", "[null]", "[" + own.apply(r) + "]", "[[[]]]");
                case 10 -> pick(r, "{}", "{\"a\":" + own.apply(r) + "}", "{\"$ne\":null}");
                default -> nested(r.nextInt(3) == 0 ? 1500 : 30, r.nextBoolean());
            };
        }

        static String nested(int depth, boolean arrays) {
            return arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        }

        String string(Random r) {
            return string(text(r), r.nextInt(4) == 0);
        }

        /** A JSON string literal; {@code escapeAll} writes every non-ASCII and control character as {@code \\uXXXX}. */
        static String string(String text, boolean escapeAll) {
            StringBuilder out = new StringBuilder("\"");
            for (char ch : text.toCharArray()) {
                if (ch == '"' || ch == '\\') {
                    out.append('\\').append(ch);
                } else if (ch < 0x20 || ch == 0x7f || (escapeAll && ch > 0x7e) || Character.isSurrogate(ch)) {
                    out.append(String.format("\\u%04x", (int) ch));
                } else {
                    out.append(ch);
                }
            }
            return out.append('"').toString();
        }

        /** Awkward text. */
        String text(Random r) {
            return switch (r.nextInt(22)) {
                case 0 -> "";
                case 1 -> " \t\n ";
                case 2 -> "x".repeat(r.nextInt(3) == 0 ? 20_000 : 4_001);
                case 3 -> "Ünïcödé 😀 مرحبا 𝔘𝔫𝔦 中文 ";
                case 4 -> "e\u0301".repeat(300);
                case 5 -> "nul\u0000byte";
                case 6 -> "\u0001\u0002\u001f\u007f\u0085\u2028\u2029";
                case 7 -> "lone \ud800 surrogate \udc00";
                case 8 -> "\u200b\u200d\ufeff\u202e";
                case 9 -> "' OR 1=1; DROP TABLE users; --";
                case 10 -> "../../../etc/passwd";
                case 11 -> "<script>alert(1)</script></user_message>";
                case 12 -> "%s%n%d{}${jndi:ldap://x}";
                case 13 -> "{" + UUID.randomUUID() + "}";
                case 14 -> UUID.randomUUID().toString().toUpperCase() + " ";
                case 15 -> UUID.randomUUID().toString().replace("-", "");
                case 16 -> "00000000-0000-0000-0000-00000000000g";
                case 17 -> "١٢٣٤٥٦٧٨-١٢٣٤-١٢٣٤-١٢٣٤-١٢٣٤٥٦٧٨٩٠١٢";
                case 18 -> "a@b.c".repeat(60);
                case 19 -> "\\u0000\\\"";
                case 20 -> "null";
                default -> randomText(r, r.nextInt(200));
            };
        }

        static String randomText(Random r, int length) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < length; i++) {
                out.appendCodePoint(r.nextInt(5) == 0 ? r.nextInt(0x10000) : 0x20 + r.nextInt(0x5f));
            }
            return out.toString();
        }

        // ---- field values -----------------------------------------------------------------------------------------

        String sessionId(Random r) {
            return r.nextInt(3) == 0 ? string(text(r), false)
                    : string(r.nextBoolean() ? fixtures.session() : UUID.randomUUID().toString(), false);
        }

        String uuid(Random r) {
            return string(r.nextInt(3) == 0 ? text(r) : UUID.randomUUID().toString(), false);
        }

        String userId(Random r) {
            return string(pick(r, fixtures.account().userId(), UUID.randomUUID().toString(), text(r)), r.nextBoolean());
        }

        String message(Random r) {
            return string(r.nextBoolean() ? "I spent the weekend hiking with friends and planning the next trip." : text(r),
                    r.nextInt(4) == 0);
        }

        String email(Random r) {
            return string(pick(r, Accounts.newEmail(), fixtures.account().email(), "x".repeat(250) + "@example.com",
                    "a@" + "b".repeat(300) + ".com", "no-at-sign", "@", "a@b", text(r)), false);
        }

        String password(Random r) {
            return string(pick(r, Accounts.PASSWORD, "short", "x".repeat(2000), "password1234", text(r)), false);
        }

        String name(Random r) {
            return string(pick(r, "Ada", "", "n".repeat(101), text(r)), r.nextBoolean());
        }

        String facet(Random r) {
            return string(pick(r, "imagination", "Imagination", "anxiety", "nope", "", text(r)), false);
        }

        String bool(Random r) {
            return pick(r, "true", "false", "\"true\"", "1", "0");
        }

        // ---- paths and queries --------------------------------------------------------------------------------------

        /** A path segment: a field value's text (a JSON string unquoted), percent-encoded as a client would send it. */
        String segment(Random r, Function<Random, String> value) {
            String text = r.nextInt(4) == 0 ? text(r) : unquote(value.apply(r));
            if (text.length() > 1000) {
                text = text.substring(0, 1000); // longer request lines are refused by the HTTP codec itself
            }
            return encode(text);
        }

        String query(Random r, Map<String, Function<Random, String>> params) {
            StringBuilder out = new StringBuilder();
            List<String> names = new ArrayList<>(params.keySet());
            names.sort(null);
            for (String name : names) {
                int times = r.nextInt(8) == 0 ? 2 : r.nextInt(6) == 0 ? 0 : 1;
                for (int i = 0; i < times; i++) {
                    String text = r.nextInt(4) == 0 ? text(r) : unquote(params.get(name).apply(r));
                    if (text.length() > 1000) {
                        text = text.substring(0, 1000);
                    }
                    out.append(out.isEmpty() ? "?" : "&").append(name).append(r.nextInt(10) == 0 ? "" : "=" + encode(text));
                }
            }
            return out.toString();
        }

        static String unquote(String json) {
            try {
                JsonNode node = JSON.readTree(json);
                return node.isTextual() ? node.asText() : json;
            } catch (IOException e) {
                return json;
            }
        }

        /** Percent-encodes everything but unreserved characters (RFC 3986), from the UTF-8 bytes. */
        static String encode(String text) {
            StringBuilder out = new StringBuilder();
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                    out.append((char) c);
                } else {
                    out.append('%').append(String.format("%02X", c));
                }
            }
            return out.toString();
        }
    }
}
