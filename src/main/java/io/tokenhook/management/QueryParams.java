package io.tokenhook.management;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Query string parameters of a Management API request, validated with Auth0's error wording. */
public final class QueryParams {
    private final Map<String, List<String>> params;

    public QueryParams(Map<String, List<String>> params) {
        this.params = params;
    }

    /** Rejects parameters outside {@code allowed}. */
    public QueryParams allowOnly(Set<String> allowed) {
        var extra = new TreeSet<String>();
        params.keySet().forEach(k -> { if (!allowed.contains(k)) extra.add(k); });
        if (!extra.isEmpty()) {
            throw ApiError.invalidQuery("Query validation error: 'Additional properties not allowed: " + String.join(",", extra) + "'.");
        }
        return this;
    }

    public String string(String name) {
        List<String> values = all(name);
        if (values.isEmpty()) return null;
        if (values.size() > 1) fail(name, "Parameter must not be repeated");
        return values.get(0);
    }

    /** Every value of {@code name}; none may hold U+0000, which PostgreSQL cannot compare with text. */
    public List<String> all(String name) {
        List<String> values = params.getOrDefault(name, List.of());
        for (String v : values) if (v.indexOf('\0') >= 0) fail(name, "Value must not contain the NUL character (%00)");
        return values;
    }

    public Integer integer(String name, int min, int max) {
        String v = string(name);
        if (v == null || v.isEmpty()) return null;
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) fail(name, "Value must be between " + min + " and " + max);
            return i;
        } catch (NumberFormatException e) {
            fail(name, "Expected type integer but found type string");
            return null;
        }
    }

    public Boolean bool(String name) {
        String v = string(name);
        if (v == null || v.isEmpty()) return null;
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                fail(name, "Expected type boolean but found type string");
                yield null;
            }
        };
    }

    static void fail(String name, String detail) {
        throw ApiError.invalidQuery("Query validation error: '" + detail + "' on property " + name + ".");
    }
}
