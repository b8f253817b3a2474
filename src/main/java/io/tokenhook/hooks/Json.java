package io.tokenhook.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON that crosses into and out of JavaScript: configuration in, and outcomes that are not all strings out. */
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

    /** Plain Java values (String, Number, Boolean, Map, List; null for JSON null); strings without a copy. */
    static Object toJava(JsonNode node) {
        if (node.isNull()) return null;
        return node.isTextual() ? node.textValue() : MAPPER.convertValue(node, Object.class);
    }

    /** An object's properties as plain Java values, in order. */
    static Map<String, Object> properties(JsonNode object) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            properties.put(field.getKey(), toJava(field.getValue()));
        }
        return properties;
    }
}
