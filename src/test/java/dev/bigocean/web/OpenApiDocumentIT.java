package dev.bigocean.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.bigocean.web.api.ErrorBodies;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The live OpenAPI document: it covers every path, status and error tag of the API reference, it is the document the
 * test client is generated from (src/test/resources/openapi/big-ocean-api.yaml), and it says what clients need.
 */
@QuarkusTest
class OpenApiDocumentIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static JsonNode live;

    @BeforeEach
    void fetch() throws IOException {
        if (live == null) {
            live = YAML.readTree(given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString());
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OpenApiDocumentIT.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theCheckedInCopyIsTheLiveDocument() throws IOException {
        JsonNode checkedIn = YAML.readTree(resource("/openapi/big-ocean-api.yaml"));
        if (!live.equals(checkedIn)) {
            Files.writeString(Path.of("target", "openapi-live.yaml"), YAML.writeValueAsString(live));
        }
        assertEquals(live, checkedIn, "src/test/resources/openapi/big-ocean-api.yaml is stale: the live document is in target/openapi-live.yaml");
    }

    @Test
    void everyPathStatusAndErrorTagOfTheReferenceIsDocumented() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String line : resource("/openapi/reference-contract.txt").split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (parts[0].equals("schema")) {
                if (!live.path("components").path("schemas").has(parts[1])) {
                    missing.add(line);
                }
                continue;
            }
            JsonNode operation = live.path("paths").path(parts[1]).path(parts[0].toLowerCase());
            JsonNode response = resolve(operation.path("responses").path(parts[2]));
            if (operation.isMissingNode() || response.isMissingNode()) {
                missing.add(line);
            } else if (parts.length > 3 && !tagsOf(response).contains(parts[3])) {
                missing.add(line + " (documents " + tagsOf(response) + ")");
            }
        }
        assertTrue(missing.isEmpty(), "missing from /q/openapi: " + missing);
    }

    @Test
    void everyErrorSchemaHasItsTagAsTheOnlyValueAndTheCommonFields() {
        for (String tag : ErrorBodies.TAGS) {
            JsonNode schema = live.path("components").path("schemas").path(tag);
            assertEquals(List.of(tag), texts(schema.path("properties").path("_tag").path("enum")), tag);
            assertTrue(texts(schema.path("required")).containsAll(List.of("_tag", "message", "requestId")), tag);
        }
    }

    @Test
    void everyOperationHasAnIdATagResponsesWithTheRequestIdAndTypedJsonBodies() {
        Set<String> ids = new HashSet<>();
        live.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey() + " " + path.getKey();
            JsonNode operation = op.getValue();
            String id = operation.path("operationId").asText();
            assertFalse(id.isEmpty(), where);
            assertTrue(ids.add(id), "unique operationId " + id);
            assertFalse(operation.path("tags").isEmpty(), where);
            boolean noContent = operation.path("responses").has("204");
            assertTrue(operation.path("responses").has("200") != noContent, where + " succeeds with either 200 or 204");
            operation.path("responses").fields().forEachRemaining(r -> {
                JsonNode response = resolve(r.getValue());
                assertTrue(response.path("headers").has("X-Request-Id"), where + " " + r.getKey() + " echoes X-Request-Id");
                if (r.getKey().equals("204")) {
                    assertTrue(response.path("content").isMissingNode(), where + " 204 has no body");
                    return;
                }
                assertTrue(response.path("content").has("application/json"), where + " " + r.getKey() + " is JSON");
                if (!r.getKey().equals("200")) {
                    assertFalse(tagsOf(response).isEmpty(), where + " " + r.getKey() + " names its _tag schema");
                }
            });
            JsonNode body = operation.path("requestBody").path("content");
            if (!body.isMissingNode()) {
                assertEquals(List.of("application/json"), names(body), where);
                assertTrue(body.path("application/json").path("schema").path("$ref").asText().startsWith("#/components/schemas/"),
                        where + " has a typed body");
            }
            if (path.getKey().startsWith("/api/")) {
                assertFalse(operation.path("security").isEmpty(), where + " declares its security");
            }
        }));
    }

    @Test
    void securitySchemesFormatsAndTheStreamAreDescribed() {
        JsonNode schemes = live.path("components").path("securitySchemes");
        assertEquals("cookie", schemes.path("sessionCookie").path("in").asText());
        assertEquals("bearer", schemes.path("bearerJwt").path("scheme").asText());
        assertEquals("header", schemes.path("internalSecret").path("in").asText());
        assertEquals("x-internal-secret", schemes.path("internalSecret").path("name").asText());
        schemes.fields().forEachRemaining(s -> assertFalse(s.getValue().path("type").asText().equals("openIdConnect"), s.getKey()));
        assertEquals(List.of(Map.of("internalSecret", List.of())), YAML.convertValue(
                live.path("paths").path("/api/admin/analysis/retry-failed").path("post").path("security"), List.class));
        assertFalse(live.path("paths").fieldNames().next().startsWith("/q/"));
        live.path("paths").fieldNames().forEachRemaining(p -> assertFalse(p.startsWith("/q/"), p));
        for (String page : List.of("/", "/profile/{publicProfileId}", "/profile/{publicProfileId}/og.png")) {
            assertFalse(live.path("paths").has(page), page + " is a page, not API");
        }

        JsonNode schemas = live.path("components").path("schemas");
        assertEquals("uuid", schemas.path("StartResponse").path("properties").path("sessionId").path("format").asText());
        assertEquals("date-time", schemas.path("StartResponse").path("properties").path("createdAt").path("format").asText());
        assertEquals(List.of("sessionId", "message"), texts(schemas.path("MessageRequest").path("required")));
        assertEquals(List.of("user", "assistant"), texts(schemas.path("MessageView").path("properties").path("role").path("enum")));

        JsonNode ok = live.path("paths").path("/api/assessment/message").path("post").path("responses").path("200").path("content");
        assertEquals(List.of("application/json", "text/event-stream"), names(ok), "JSON first: the generated clients' default");
        String stream = ok.path("text/event-stream").path("schema").path("description").asText()
                + live.path("paths").path("/api/assessment/message").path("post").path("description").asText();
        for (String event : List.of("token", "done", "error")) {
            assertTrue(stream.contains("`" + event + "`") || stream.contains("event: " + event), event);
        }
    }

    /** A response, following a {@code $ref} to the shared responses. */
    private static JsonNode resolve(JsonNode response) {
        String ref = response.path("$ref").asText();
        return ref.isEmpty() ? response
                : live.path("components").path("responses").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** The error tags a response's JSON body can carry (its schema, or the members of its oneOf). */
    private static Set<String> tagsOf(JsonNode response) {
        JsonNode schema = response.path("content").path("application/json").path("schema");
        Set<String> tags = new HashSet<>();
        List<JsonNode> refs = new ArrayList<>();
        refs.add(schema);
        schema.path("oneOf").forEach(refs::add);
        for (JsonNode node : refs) {
            String ref = node.path("$ref").asText();
            if (!ref.isEmpty()) {
                JsonNode target = live.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
                tags.addAll(texts(target.path("properties").path("_tag").path("enum")));
            }
        }
        return tags;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }
}
