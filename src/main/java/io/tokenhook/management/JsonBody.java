package io.tokenhook.management;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tokenhook.http.Unicode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Management API request body: a JSON object, read strictly. Every accessor checks the type and limits of
 * its property and throws 400 {@code invalid_body} in Auth0's words when they do not hold.
 */
public final class JsonBody {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    /** The JSON types a property may have. */
    public enum Type { STRING, BOOLEAN, INTEGER, ARRAY, OBJECT }

    private final ObjectNode root;

    private JsonBody(ObjectNode root) {
        this.root = root;
    }

    /** Parses a request body that must be a JSON object sent as application/json. */
    public static JsonBody parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            throw new ApiError(415, "Content-Type must be application/json", "unsupported_media_type");
        }
        JsonNode node = readTree(body);
        if (!(node instanceof ObjectNode object)) throw ApiError.invalidBody("Payload validation error: 'Expected type object but found type "
                + typeName(node) + "'.");
        return new JsonBody(object);
    }

    static JsonNode readTree(byte[] body) {
        if (body.length == 0) throw ApiError.invalidBody("Payload validation error: 'Expected a JSON body'.");
        try {
            JsonNode node = MAPPER.readTree(body);
            rejectUnstorableStrings(node);
            return node;
        } catch (IOException e) {
            throw ApiError.invalidBody("Payload validation error: 'Malformed JSON'.");
        }
    }

    /** Every key and value must be text every store keeps (PostgreSQL refuses U+0000) and UTF-8 can carry. */
    private static void rejectUnstorableStrings(JsonNode node) {
        if (node.isTextual()) checkText(node.textValue());
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            checkText(field.getKey());
            rejectUnstorableStrings(field.getValue());
        }
        if (node.isArray()) node.forEach(JsonBody::rejectUnstorableStrings);
    }

    private static void checkText(String s) {
        if (s.indexOf('\0') >= 0) throw ApiError.invalidBody(NUL_MESSAGE);
        if (!Unicode.wellFormed(s)) throw ApiError.invalidBody(SURROGATE_MESSAGE);
    }

    private static final String NUL_MESSAGE = "Payload validation error: 'Strings must not contain the NUL character (\\u0000)'.";
    private static final String SURROGATE_MESSAGE =
            "Payload validation error: 'Strings must be valid Unicode (no unpaired surrogates, no code points above U+10FFFF)'.";

    public boolean isEmpty() {
        return root.isEmpty();
    }

    /** The names of the object's properties. */
    public List<String> names() {
        var names = new ArrayList<String>();
        root.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public boolean has(String name) {
        return root.has(name);
    }

    /** Rejects properties outside {@code allowed}, naming them. */
    public JsonBody allowOnly(Set<String> allowed) {
        var extra = new TreeSet<String>();
        root.fieldNames().forEachRemaining(f -> { if (!allowed.contains(f)) extra.add(f); });
        if (!extra.isEmpty()) {
            throw ApiError.invalidBody("Payload validation error: 'Additional properties not allowed: " + String.join(",", extra) + "'.");
        }
        return this;
    }

    public JsonBody require(String... names) {
        for (String name : names) {
            if (!root.hasNonNull(name)) {
                throw ApiError.invalidBody("Payload validation error: 'Missing required property: " + name + "'.");
            }
        }
        return this;
    }

    /** The string property, null when absent; checks its length in characters. */
    public String string(String name, int minLength, int maxLength) {
        JsonNode n = typed(name, Type.STRING);
        if (n == null) return null;
        String s = n.textValue();
        if (s.length() < minLength) fail(name, "String is too short (" + s.length() + " chars), minimum " + minLength);
        if (s.length() > maxLength) fail(name, "String is too long (" + s.length() + " chars), maximum " + maxLength);
        return s;
    }

    public Boolean bool(String name) {
        JsonNode n = typed(name, Type.BOOLEAN);
        return n == null ? null : n.booleanValue();
    }

    public Integer integer(String name, int min, int max) {
        JsonNode n = typed(name, Type.INTEGER);
        if (n == null) return null;
        if (!n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            fail(name, "Value must be an integer between " + min + " and " + max);
        }
        return n.intValue();
    }

    /** A list of strings, each within the length limits; null when absent. */
    public List<String> strings(String name, int maxItems, int minLength, int maxLength) {
        JsonNode n = typed(name, Type.ARRAY);
        if (n == null) return null;
        if (n.size() > maxItems) fail(name, "Array is too long (" + n.size() + "), maximum " + maxItems);
        var out = new ArrayList<String>();
        for (JsonNode item : n) {
            if (!item.isTextual()) fail(name, "Expected type string but found type " + typeName(item) + " in array");
            String s = item.textValue();
            if (s.length() < minLength || s.length() > maxLength) {
                fail(name, "Array item length must be between " + minLength + " and " + maxLength);
            }
            out.add(s);
        }
        return out;
    }

    /** An object whose values are all strings; null when absent. */
    public Map<String, String> stringMap(String name) {
        JsonNode n = typed(name, Type.OBJECT);
        if (n == null) return null;
        var out = new LinkedHashMap<String, String>();
        for (var it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) {
                fail(name + "." + e.getKey(), "Expected type string but found type " + typeName(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** The whole body as an object of string values. */
    public Map<String, String> asStringMap() {
        var out = new LinkedHashMap<String, String>();
        for (var it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) fail(e.getKey(), "Expected type string but found type " + typeName(e.getValue()));
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** The raw node of an object property, null when absent. */
    public JsonNode object(String name) {
        return typed(name, Type.OBJECT);
    }

    /** The raw node of an array property, null when absent. */
    public JsonNode array(String name) {
        return typed(name, Type.ARRAY);
    }

    /** Pass-through properties: each present one is type-checked and returned as plain Java values. */
    public Map<String, Object> passThrough(Map<String, Type> schema) {
        var out = new LinkedHashMap<String, Object>();
        schema.forEach((name, type) -> {
            JsonNode n = typed(name, type);
            if (n != null) out.put(name, MAPPER.convertValue(n, new TypeReference<Object>() {}));
        });
        return out;
    }

    private JsonNode typed(String name, Type type) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) return null;
        boolean ok = switch (type) {
            case STRING -> n.isTextual();
            case BOOLEAN -> n.isBoolean();
            case INTEGER -> n.isIntegralNumber();
            case ARRAY -> n.isArray();
            case OBJECT -> n.isObject();
        };
        if (!ok) fail(name, "Expected type " + type.name().toLowerCase(Locale.ROOT) + " but found type " + typeName(n));
        return n;
    }

    static String typeName(JsonNode n) {
        if (n == null) return "null";
        JsonNodeType t = n.getNodeType();
        return switch (t) {
            case NUMBER -> n.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            case STRING -> "string";
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            default -> "null";
        };
    }

    /**
     * Stored pass-through settings updated by a PATCH: a given value replaces the stored one, except that an
     * object is merged into the stored object, so a sub-property that cannot change after creation and is
     * therefore left out (auth0-deploy-cli drops {@code jwt_configuration.secret_encoded}) keeps its value.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> updateSettings(Map<String, Object> stored, Map<String, Object> given) {
        var out = new LinkedHashMap<>(stored);
        given.forEach((name, value) -> out.merge(name, value, (old, now) -> {
            if (!(old instanceof Map<?, ?> oldMap) || !(now instanceof Map<?, ?> nowMap)) return now;
            var merged = new LinkedHashMap<>((Map<String, Object>) oldMap);
            merged.putAll((Map<String, Object>) nowMap);
            return merged;
        }));
        return out;
    }

    /** The properties a request may carry, from several groups. */
    static Set<String> union(Set<String> a, Set<String> b) {
        var s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    static void fail(String property, String detail) {
        throw ApiError.invalidBody("Payload validation error: '" + detail + "' on property " + property + ".");
    }
}
