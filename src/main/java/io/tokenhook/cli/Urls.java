package io.tokenhook.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Server URLs and query strings. */
final class Urls {
    private Urls() {}

    /** {@code url} as a base URL: http or https, no query, ending with {@code /} (the issuer's form). */
    static String base(String url) {
        String trimmed = url.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw CliException.usage("invalid URL '" + trimmed + "': " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw CliException.usage("invalid URL '" + trimmed + "': expected http://host[:port]/ or https://host/");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw CliException.usage("invalid URL '" + trimmed + "': no query or fragment expected");
        }
        return trimmed.endsWith("/") ? trimmed : trimmed + "/";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query string builder that leaves out null values. */
    static final class Query {
        private final Map<String, String> params = new LinkedHashMap<>();

        static Query of(String... kv) {
            var q = new Query();
            for (int i = 0; i < kv.length; i += 2) q.put(kv[i], kv[i + 1]);
            return q;
        }

        Query put(String name, Object value) {
            if (value != null) params.put(name, value.toString());
            return this;
        }

        String toQueryString() {
            if (params.isEmpty()) return "";
            var joiner = new StringJoiner("&", "?", "");
            params.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
            return joiner.toString();
        }
    }
}
