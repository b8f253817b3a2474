package io.tokenhook.management;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Auth0's {@code fields} / {@code include_fields} response projection. */
record Fields(Set<String> names, boolean include) {
    static final Fields ALL = new Fields(Set.of(), true);

    static Fields from(QueryParams q) {
        String fields = q.string("fields");
        Boolean include = q.bool("include_fields");
        if (fields == null || fields.isBlank()) return ALL;
        return new Fields(Set.copyOf(Arrays.asList(fields.split(","))), include == null || include);
    }

    Map<String, Object> apply(Map<String, Object> item) {
        if (names.isEmpty()) return item;
        var out = new LinkedHashMap<String, Object>();
        item.forEach((k, v) -> { if (names.contains(k) == include) out.put(k, v); });
        return out;
    }

    List<Map<String, Object>> applyAll(List<Map<String, Object>> items) {
        return names.isEmpty() ? items : items.stream().map(this::apply).toList();
    }
}
