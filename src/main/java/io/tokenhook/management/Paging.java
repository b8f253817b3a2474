package io.tokenhook.management;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offset paging as Auth0 does it: {@code page} (0-based), {@code per_page} (at most 100, default 50) and
 * {@code include_totals}, which turns the bare array into {@code {start, limit, length, total, <items>}}.
 */
public record Paging(int page, int perPage, boolean includeTotals) {
    public static final int MAX_PER_PAGE = 100;
    public static final int DEFAULT_PER_PAGE = 50;

    public static Paging from(QueryParams q) {
        Integer page = q.integer("page", 0, Integer.MAX_VALUE / MAX_PER_PAGE);
        Integer perPage = q.integer("per_page", 0, MAX_PER_PAGE);
        Boolean totals = q.bool("include_totals");
        return new Paging(page == null ? 0 : page, perPage == null ? DEFAULT_PER_PAGE : perPage, Boolean.TRUE.equals(totals));
    }

    public int offset() {
        return page * perPage;
    }

    /** Pages an in-memory list. */
    public Object apply(List<?> all, String itemsKey) {
        int from = Math.min(offset(), all.size());
        int to = Math.min(from + perPage, all.size());
        return wrap(all.subList(from, to), all.size(), itemsKey);
    }

    /** Wraps one page already read, given the total number of matches. */
    public Object wrap(List<?> items, long total, String itemsKey) {
        if (!includeTotals) return items;
        var body = new LinkedHashMap<String, Object>();
        body.put("start", offset());
        body.put("limit", perPage);
        body.put("length", items.size());
        body.put("total", total);
        body.put(itemsKey, items);
        return body;
    }

    /** Checkpoint paging ({@code from}/{@code take}): the page and the id the next page starts from. */
    public static <T> Map<String, Object> checkpoint(List<T> all, java.util.function.Function<T, String> id, String from,
                                                    int take, String itemsKey, java.util.function.Function<T, Object> render) {
        int start = 0;
        if (from != null && !from.isEmpty()) {
            start = -1;
            for (int i = 0; i < all.size(); i++) if (id.apply(all.get(i)).equals(from)) start = i;
            if (start < 0) QueryParams.fail("from", "Unknown checkpoint");
        }
        int end = Math.min(start + take, all.size());
        var body = new LinkedHashMap<String, Object>();
        body.put(itemsKey, all.subList(start, end).stream().map(render).toList());
        if (end < all.size()) body.put("next", id.apply(all.get(end)));
        return body;
    }
}
