package io.tokenhook.management;

import io.tokenhook.events.EventLog;
import io.tokenhook.events.LogFilter;
import io.tokenhook.tenant.LogEvent;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code /api/v2/logs}: the tenant log (spec 4.6). */
final class LogsResource {
    private final EventLog events;

    LogsResource(EventLog events) {
        this.events = events;
    }

    Object list(ApiCall call) {
        call.caller().require("read:logs");
        var q = call.query().allowOnly(Set.of("page", "per_page", "sort", "fields", "include_fields", "include_totals",
                "q", "search", "from", "take"));
        LogFilter filter = filter(q);
        var fields = Fields.from(q);
        String from = q.string("from");
        Integer take = q.integer("take", 1, Paging.MAX_PER_PAGE);
        if (from != null || take != null) {
            // checkpoint paging: oldest first, strictly after the given log id
            var query = filter.toQuery(from != null, 0, take == null ? Paging.DEFAULT_PER_PAGE : take);
            if (from != null) query = query.after(from);
            return events.query(query).stream().map(e -> fields.apply(render(e))).toList();
        }
        var paging = Paging.from(q);
        boolean ascending = ascending(q.string("sort"));
        var items = events.query(filter.toQuery(ascending, paging.offset(), paging.perPage())).stream()
                .map(e -> fields.apply(render(e))).toList();
        long total = paging.includeTotals() ? events.count(filter.toQuery(ascending, 0, 0)) : items.size();
        return paging.wrap(items, total, "logs");
    }

    Object get(ApiCall call) {
        call.caller().require("read:logs");
        return render(events.find(call.path("id"))
                .orElseThrow(() -> ApiError.notFound("The log does not exist", "inexistent_log")));
    }

    static LogFilter filter(QueryParams q) {
        String search = q.string("q");
        if (search == null) search = q.string("search");
        try {
            return LogFilter.parse(search);
        } catch (IllegalArgumentException e) {
            QueryParams.fail("q", e.getMessage());
            return null;
        }
    }

    private static boolean ascending(String sort) {
        if (sort == null || sort.isEmpty()) return false;
        return switch (sort) {
            case "date:1", "log_id:1" -> true;
            case "date:-1", "log_id:-1" -> false;
            default -> {
                QueryParams.fail("sort", "Sort must be date:1 or date:-1");
                yield false;
            }
        };
    }

    static Map<String, Object> render(LogEvent e) {
        var m = new LinkedHashMap<String, Object>();
        m.put("date", DateTimeFormatter.ISO_INSTANT.format(e.date()));
        m.put("type", e.type());
        m.put("description", e.description());
        put(m, "client_id", e.clientId());
        put(m, "client_name", e.clientName());
        put(m, "ip", e.ip());
        put(m, "user_agent", e.userAgent());
        put(m, "audience", e.audience());
        put(m, "scope", e.scope());
        put(m, "hook_id", e.hookId());
        m.put("details", e.details());
        m.put("log_id", e.logId());
        m.put("_id", e.logId());
        return m;
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (value != null) m.put(key, value);
    }
}
