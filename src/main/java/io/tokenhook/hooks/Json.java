package io.tokenhook.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** The JSON that crosses into and out of JavaScript: the only form data takes across the sandbox boundary. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the hook runtime produced invalid JSON", e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plain Java values (String, Number, Boolean, Map, List); strings, the usual claim values, without a copy. */
    static Object toJava(JsonNode node) {
        return node.isTextual() ? node.textValue() : MAPPER.convertValue(node, Object.class);
    }
}
