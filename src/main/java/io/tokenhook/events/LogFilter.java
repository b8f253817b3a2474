package io.tokenhook.events;

import io.tokenhook.store.EventQuery;
import io.tokenhook.tenant.LogEvent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Auth0's Lucene log search that Tokenhook supports, parsed from {@code q}:
 * clauses joined by spaces or {@code AND}, each {@code field:value}, {@code field:"quoted value"},
 * {@code field:(a OR b)} or a range {@code field:[from TO to]} / {@code field:{from TO to}} with {@code *} for open.
 * Fields: {@code type}, {@code client_id}, {@code audience}, {@code hook_id} (values) and {@code log_id} (values
 * or ranges).
 */
public record LogFilter(Set<String> types, String clientId, String audience, String hookId,
                        String logIdFrom, String logIdAfter, String logIdTo, String logIdBefore) {

    /** A clause's {@code field:}; its value is scanned by hand ({@link #valueEnd}), since a regex alternation
     *  inside a loop recurses once per character and a long quoted value overflowed the stack. */
    private static final Pattern FIELD = Pattern.compile("\\s*(?:AND\\s+)?([a-z_]+):");
    private static final Pattern RANGE = Pattern.compile("([\\[{])\\s*(\\S+)\\s+TO\\s+(\\S+)\\s*([\\]}])");

    public static final LogFilter ALL = new LogFilter(Set.of(), null, null, null, null, null, null, null);

    /** Parses {@code q}; null or blank matches everything. */
    public static LogFilter parse(String q) {
        if (q == null || q.isBlank()) return ALL;
        var types = new LinkedHashSet<String>();
        String clientId = null, audience = null, hookId = null, from = null, after = null, to = null, before = null;
        Matcher m = FIELD.matcher(q);
        int pos = 0;
        while (pos < q.length()) {
            m.region(pos, q.length());
            int end = m.lookingAt() ? valueEnd(q, m.end()) : -1;
            if (end < 0) {
                throw new IllegalArgumentException("Invalid query near '" + snippet(q, pos) + "'");
            }
            String field = m.group(1);
            String raw = q.substring(m.end(), end);
            switch (field) {
                case "type" -> types.addAll(values(raw));
                case "client_id" -> clientId = single(field, raw);
                case "audience" -> audience = single(field, raw);
                case "hook_id" -> hookId = single(field, raw);
                case "log_id" -> {
                    Matcher r = RANGE.matcher(raw);
                    if (r.matches()) {
                        String lo = r.group(2), hi = r.group(3);
                        boolean inclusiveLo = r.group(1).equals("["), inclusiveHi = r.group(4).equals("]");
                        if (!lo.equals("*")) { if (inclusiveLo) from = lo; else after = lo; }
                        if (!hi.equals("*")) { if (inclusiveHi) to = hi; else before = hi; }
                    } else {
                        from = to = single(field, raw);
                    }
                }
                default -> throw new IllegalArgumentException("Unsupported search field '" + field
                        + "'; supported: type, client_id, audience, hook_id, log_id");
            }
            pos = end;
            while (pos < q.length() && isSpace(q.charAt(pos))) pos++;
        }
        return new LogFilter(types, clientId, audience, hookId, from, after, to, before);
    }

    /**
     * Where the value starting at {@code start} ends (exclusive), or -1 when there is none: a {@code "quoted"} value
     * with backslash escapes, a {@code (list)}, a {@code [range]} / {@code {range}}, or a bare word.
     */
    static int valueEnd(String q, int start) {
        if (start >= q.length()) return -1;
        char first = q.charAt(start);
        if (first == '"') {
            for (int i = start + 1; i < q.length(); i++) {
                char c = q.charAt(i);
                if (c == '\\') i++;
                else if (c == '"') return i + 1;
            }
            return -1;
        }
        if (first == '(') {
            int close = q.indexOf(')', start);
            return close < 0 ? -1 : close + 1;
        }
        if (first == '[' || first == '{') {
            for (int i = start + 1; i < q.length(); i++) {
                if (q.charAt(i) == ']' || q.charAt(i) == '}') return i + 1;
            }
            return -1;
        }
        int i = start;
        while (i < q.length() && !isSpace(q.charAt(i)) && "()[]{}\"".indexOf(q.charAt(i)) < 0) i++;
        return i == start ? -1 : i;
    }

    /** The characters of the regex class {@code \s}, as {@link #FIELD} reads them. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static String snippet(String q, int pos) {
        String rest = q.substring(pos);
        return rest.length() > 30 ? rest.substring(0, 30) : rest;
    }

    private static String single(String field, String raw) {
        var v = values(raw);
        if (v.size() != 1) throw new IllegalArgumentException("Field '" + field + "' takes one value");
        return v.get(0);
    }

    private static List<String> values(String raw) {
        if (raw.startsWith("\"")) return List.of(raw.substring(1, raw.length() - 1).replaceAll("\\\\(.)", "$1"));
        if (raw.startsWith("(")) {
            var out = new ArrayList<String>();
            for (String part : raw.substring(1, raw.length() - 1).trim().split("\\s+OR\\s+|\\s+")) {
                String v = part.trim();
                if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) v = v.substring(1, v.length() - 1);
                if (!v.isEmpty()) out.add(v);
            }
            if (out.isEmpty()) throw new IllegalArgumentException("Empty value list");
            return out;
        }
        if (raw.startsWith("[") || raw.startsWith("{")) throw new IllegalArgumentException("Ranges are supported on log_id only");
        return List.of(raw);
    }

    /** The store query for this filter. */
    public EventQuery toQuery(boolean ascending, int offset, int limit) {
        return new EventQuery(types, clientId, audience, hookId, logIdAfter, logIdFrom, logIdTo, logIdBefore,
                ascending, offset, limit);
    }

    /** The same filter applied to one event, for the live stream. */
    public boolean test(LogEvent e) {
        if (!types.isEmpty() && !types.contains(e.type())) return false;
        if (clientId != null && !clientId.equals(e.clientId())) return false;
        if (audience != null && !audience.equals(e.audience())) return false;
        if (hookId != null && !hookId.equals(e.hookId())) return false;
        String id = e.logId();
        if (logIdFrom != null && id.compareTo(logIdFrom) < 0) return false;
        if (logIdAfter != null && id.compareTo(logIdAfter) <= 0) return false;
        if (logIdTo != null && id.compareTo(logIdTo) > 0) return false;
        return logIdBefore == null || id.compareTo(logIdBefore) < 0;
    }
}
