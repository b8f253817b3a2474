package io.tokenhook.hooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which custom claims a hook may add. Legacy hooks keep Auth0's URL-namespace rule (spec 3.3): only claims
 * named by an http(s) URL outside auth0.com, webtask.io and webtask.run. Actions-style hooks follow Auth0's
 * current rule: any name but the restricted ones. Either way a refused claim is dropped with a warning and
 * the exchange goes on.
 */
final class ClaimPolicy {

    /** Claims the token issuer owns. Mirrors the issuer's list; hooks may only depend on tenant, so it is ours. */
    static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "iat", "exp", "nbf", "scope", "gty", "azp",
            "jti", "client_id", "permissions", "org_id", "org_name", "cnf", "act", "may_act", "amr", "auth_time",
            "sid", "typ");
    static final int MAX_CLAIMS_BYTES = 100 * 1024;

    private static final List<String> AUTH0_HOSTS = List.of("auth0.com", "webtask.io", "webtask.run");
    /* What a claim name is, by name: a hook sets the same few names on every call, and parsing them as URIs was a
       tenth of a small hook's cost. A plain map, not a Caffeine cache: its bookkeeping on every read cost as much
       again under load. Names past the bound are classified on each call, so a hook inventing names cannot grow it. */
    private static final int MAX_NAMESPACES = 10_000;
    private static final Map<String, Namespace> NAMESPACES = new ConcurrentHashMap<>();

    private enum Namespace { NOT_A_URL, AUTH0, URL }

    private ClaimPolicy() {}

    /** Every property of a legacy result but {@code scope}, filtered; values are plain Java values (null: JSON null). */
    static Map<String, Object> legacy(Map<String, Object> result, List<String> warnings) {
        Map<String, Object> claims = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : result.entrySet()) {
            String name = field.getKey();
            if (name.equals("scope")) {
                continue;
            }
            if (RESERVED.contains(name)) {
                warnings.add("claim '" + name + "' ignored: it is reserved");
            } else {
                Namespace namespace = namespace(name);
                if (namespace == Namespace.NOT_A_URL) {
                    warnings.add("claim '" + name + "' ignored: hooks may only add claims named by an http(s) URL,"
                            + " such as https://example.com/" + name);
                } else {
                    add(claims, name, namespace, field.getValue(), warnings);
                }
            }
        }
        return claims;
    }

    /** The claims an Actions-style hook set with {@code api.accessToken.setCustomClaim}, filtered. */
    static Map<String, Object> actions(Map<String, Object> set, List<String> warnings) {
        Map<String, Object> claims = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : set.entrySet()) {
            String name = field.getKey();
            if (RESERVED.contains(name) || name.toLowerCase(Locale.ROOT).startsWith("urn:auth0")) {
                warnings.add("claim '" + name + "' ignored: it is reserved");
            } else {
                add(claims, name, namespace(name), field.getValue(), warnings);
            }
        }
        return claims;
    }

    /** Whether the claims fit Auth0's 100 KB limit for custom claims, counted as UTF-8 JSON. */
    static boolean withinSizeLimit(Map<String, Object> claims) {
        return withinSizeLimit(claims, List.of());
    }

    /** The same limit for the claims and the scopes together, counted as in the token's space-separated scope claim. */
    static boolean withinSizeLimit(Map<String, Object> claims, List<String> scopes) {
        long bytes = Json.write(claims).getBytes(StandardCharsets.UTF_8).length;
        for (String scope : scopes) {
            bytes += scope.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return bytes <= MAX_CLAIMS_BYTES;
    }

    private static void add(Map<String, Object> claims, String name, Namespace namespace, Object value,
                            List<String> warnings) {
        if (namespace == Namespace.AUTH0) {
            warnings.add("claim '" + name + "' ignored: the auth0.com, webtask.io and webtask.run namespaces are reserved");
        } else if (value == null) {
            warnings.add("claim '" + name + "' ignored: its value is null");
        } else {
            claims.put(name, value);
        }
    }

    private static Namespace namespace(String name) {
        Namespace known = NAMESPACES.get(name);
        if (known != null) {
            return known;
        }
        Namespace namespace = classify(name);
        if (NAMESPACES.size() < MAX_NAMESPACES) {
            NAMESPACES.putIfAbsent(name, namespace);
        }
        return namespace;
    }

    private static Namespace classify(String name) {
        String host = host(name);
        if (host == null) {
            return Namespace.NOT_A_URL;
        }
        for (String reserved : AUTH0_HOSTS) {
            if (host.equals(reserved) || host.endsWith("." + reserved)) {
                return Namespace.AUTH0;
            }
        }
        return Namespace.URL;
    }

    /** The lower-case host of an http(s) URL, without a trailing dot; null when {@code name} is no such URL. */
    private static String host(String name) {
        try {
            URI uri = new URI(name);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
