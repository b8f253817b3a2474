package io.tokenhook.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every answer of the server must be, whatever was asked: not a 5xx, no trace of the implementation in the
 * body (stack frames, Java class names, SQL) and the error envelope of the route: OAuth's on {@code /oauth/},
 * the Management API's everywhere else, HTML or a redirect from the dashboard's pages.
 */
final class ResponseChecks {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Implementation details that must never reach a client: checked case-sensitively... */
    private static final List<String> MARKERS = List.of("io.tokenhook", "java.", "javax.", "jakarta.", "com.fasterxml",
            "org.eclipse", "org.sqlite", "org.postgresql", "com.zaxxer", "org.graalvm", "Exception", "Caused by");
    /** ...and SQL or database wording, case-insensitively. */
    private static final Pattern SQL = Pattern.compile("(?i)\\b(?:select\\s+\\S+\\s+from|insert\\s+into|delete\\s+from"
            + "|update\\s+\\S+\\s+set|syntax error|sqlite|sql state|sqlstate|psql|constraint|duplicate key|violates|hikari)\\b");
    /** A Java stack frame: {@code at a.b.C.method(}. */
    private static final Pattern FRAME = Pattern.compile("\\bat [A-Za-z_$][\\w$]*(\\.[\\w$<>]+)+\\(");
    /** The dashboard's HTML pages; everything else outside {@code /oauth/} answers errors as the Management API does. */
    private static final Set<String> PAGES = Set.of("/", "/login", "/logout");

    private ResponseChecks() {}

    /** True when {@code text} holds something the checks look for, so that an echo of it would look like a leak. */
    static boolean mentionsMarker(String text) {
        return MARKERS.stream().anyMatch(text::contains) || SQL.matcher(text).find() || FRAME.matcher(text).find();
    }

    /** Every way {@code response} breaks the rules; empty when it keeps them. */
    static List<String> violations(FuzzRequest request, FuzzClient.Response response) {
        var problems = new ArrayList<String>();
        if (response.status() >= 500) problems.add("status " + response.status());
        String path = request.path();
        boolean staticAsset = path.startsWith("/dashboard/") && response.status() == 200;
        if (!staticAsset) leaks(response.text(), problems);
        if (!"HEAD".equals(request.method())) envelope(request, path, response, problems);
        return problems;
    }

    private static void leaks(String body, List<String> problems) {
        MARKERS.stream().filter(body::contains).forEach(m -> problems.add("body contains '" + m + "'"));
        var sql = SQL.matcher(body);
        if (sql.find()) problems.add("body contains SQL or database wording '" + sql.group() + "'");
        var frame = FRAME.matcher(body);
        if (frame.find()) problems.add("body contains a stack frame '" + frame.group() + "'");
    }

    private static void envelope(FuzzRequest request, String path, FuzzClient.Response r, List<String> problems) {
        int status = r.status();
        String type = r.header("Content-Type") == null ? "" : r.header("Content-Type").toLowerCase(Locale.ROOT);
        if (PAGES.contains(path) && type.startsWith("text/html")) {
            // a dashboard page: the sign-in form with its message (200, 401, 403, 429) is the page's envelope; only a
            // routed request gets it, so this comes first (a NUL in the query string does not stop the routing)
            return;
        } else if (unreadableTarget(request) && status >= 400 && status < 500) {
            // refused while the request line is read: no route is known yet, so either envelope will do
            if (json(r) == null || !json(r).has("error")) problems.add("an error without a JSON envelope");
        } else if (path.startsWith("/oauth/")) {
            oauth(r, status, type, problems);
        } else if (status >= 300 && status < 400) {
            if (r.header("Location") == null) problems.add("redirect " + status + " without Location");
        } else if (status >= 400) {
            management(r, status, type, problems);
        } else if (path.startsWith("/api/v2/") && status != 204 && !type.startsWith("text/event-stream")) {
            if (!type.startsWith("application/json") || json(r) == null) problems.add("a Management API success that is not JSON");
        }
    }

    /** A target Jetty refuses before routing: a NUL, or a request line past its 8 KB limit. */
    private static boolean unreadableTarget(FuzzRequest request) {
        return request.target().contains("%00") || request.target().length() > 8_000;
    }

    private static void oauth(FuzzClient.Response r, int status, String type, List<String> problems) {
        JsonNode body = type.startsWith("application/json") ? json(r) : null;
        if (body == null || !body.isObject()) {
            problems.add("the token endpoint answered without a JSON object");
            return;
        }
        if (status == 200) {
            if (!body.path("access_token").isTextual() || !"Bearer".equals(body.path("token_type").asText())) {
                problems.add("a 200 from the token endpoint without access_token and token_type Bearer");
            }
        } else if (!body.path("error").isTextual() || body.path("error").asText().isEmpty()
                || !body.path("error_description").isTextual() || body.has("statusCode")) {
            problems.add("not the OAuth error envelope {error, error_description}");
        }
        if (!"no-store".equals(r.header("Cache-Control"))) problems.add("token endpoint answer without Cache-Control: no-store");
    }

    private static void management(FuzzClient.Response r, int status, String type, List<String> problems) {
        JsonNode body = type.startsWith("application/json") ? json(r) : null;
        if (body == null || !body.isObject() || body.path("statusCode").asInt() != status
                || !body.path("error").isTextual() || !body.path("message").isTextual()
                || body.has("errorCode") && !body.get("errorCode").isTextual()) {
            problems.add("not the Management API error envelope {statusCode, error, message, errorCode}");
        }
    }

    private static JsonNode json(FuzzClient.Response r) {
        try {
            return r.body().length == 0 ? null : JSON.readTree(r.body());
        } catch (IOException e) {
            return null;
        }
    }
}
