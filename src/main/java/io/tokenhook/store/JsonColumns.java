package io.tokenhook.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/** Lists and maps kept as JSON text in one column. */
final class JsonColumns {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, String>>> MAP_LIST = new TypeReference<>() {};

    private JsonColumns() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize column value", e);
        }
    }

    static List<String> strings(String json) {
        return read(json, STRINGS);
    }

    static Map<String, String> stringMap(String json) {
        return read(json, STRING_MAP);
    }

    static Map<String, Object> objectMap(String json) {
        return read(json, OBJECT_MAP);
    }

    static List<Map<String, String>> mapList(String json) {
        return read(json, MAP_LIST);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
        }
    }
}
