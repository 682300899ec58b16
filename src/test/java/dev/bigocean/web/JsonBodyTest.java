package dev.bigocean.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;

/** A field given twice in one object is a 400 naming it, wherever it is, instead of the last one silently winning. */
class JsonBodyTest {

    private final JsonBody json = new JsonBody(new ObjectMapper(), new MemorySize(BigInteger.valueOf(65_536)));

    private ApiException refused(String body) {
        return assertThrows(ApiException.class, () -> json.read(body, JsonNode.class));
    }

    @Test
    void aFieldGivenTwiceIsNamed() {
        ApiException top = refused("{\"sessionId\":\"a\",\"message\":\"hi\",\"sessionId\":\"b\"}");
        assertEquals("ValidationError", top.tag());
        assertEquals(400, top.status());
        assertEquals(Map.of("field", "sessionId"), top.fields());
        assertEquals("sessionId is given more than once", top.getMessage());
        assertEquals(Map.of("field", "answers.7"), refused("{\"answers\":{\"7\":5,\"8\":1,\"7\":4}}").fields());
        assertEquals(Map.of("field", "items[1].a"), refused("{\"items\":[{\"a\":1},{\"a\":1,\"a\":2}]}").fields());
    }

    @Test
    void theSameNameInDifferentObjectsIsNotADuplicate() {
        JsonNode tree = json.read("{\"a\":{\"a\":1},\"b\":{\"a\":2},\"c\":[{\"a\":3},{\"a\":4}]}", JsonNode.class);
        assertEquals(4, tree.path("c").path(1).path("a").asInt());
    }

    @Test
    void otherMalformedBodiesAreAsBefore() {
        ApiException broken = refused("{\"a\":");
        assertEquals(Map.of("field", "body"), broken.fields());
        assertEquals("The request body is not valid JSON", broken.getMessage());
    }
}
