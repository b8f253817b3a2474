package io.tokenhook.dashboard;

import io.javalin.http.Context;

import java.util.Map;

/**
 * The dashboard's few server-filled HTML pages (sign-in, the application shell) and the headers every page
 * gets: a Content-Security-Policy with scripts from this server only (no inline script, no eval), no framing,
 * no referrer, and no caching.
 */
final class Pages {
    static final String CSP = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            // Monaco sets inline styles on its elements; scripts stay locked down
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private final Assets assets;

    Pages(Assets assets) {
        this.assets = assets;
    }

    String login(String formToken, String error, String notice, String name) {
        return fill(assets.text("login.html"), Map.of("csrf", formToken, "error", error, "notice", notice, "username", name,
                "errorHidden", error.isEmpty() ? "hidden" : "", "noticeHidden", notice.isEmpty() ? "hidden" : ""));
    }

    String app(String csrfToken, String user) {
        return fill(assets.text("index.html"), Map.of("csrf", csrfToken, "user", user));
    }

    String message(String text) {
        return fill(assets.text("message.html"), Map.of("message", text));
    }

    /** Headers for an HTML page of the dashboard. */
    void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    /** Replaces each {@code {{name}}} with its HTML-escaped value. */
    static String fill(String template, Map<String, String> values) {
        String out = template;
        for (var e : values.entrySet()) out = out.replace("{{" + e.getKey() + "}}", escape(e.getValue()));
        return out;
    }

    static String escape(String s) {
        var sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
