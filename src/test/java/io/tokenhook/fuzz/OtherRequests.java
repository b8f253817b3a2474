package io.tokenhook.fuzz;

import io.tokenhook.fuzz.FuzzRequest.Header;
import io.tokenhook.fuzz.gen.Arbitraries;
import io.tokenhook.fuzz.gen.Arbitrary;
import io.tokenhook.fuzz.gen.Combinators;
import io.tokenhook.fuzz.gen.Weighted;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Everything else: the dashboard's pages and sign-in form, its assets (with path traversal), the well-known
 * documents, health and made-up paths under every prefix, with any method, cookies and body.
 */
final class OtherRequests {
    private static final String[] PATHS = {"/", "/login", "/logout", "/dashboard/session", "/healthz", "/metrics",
            "/.well-known/jwks.json", "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
            "/dashboard/assets/app.js", "/dashboard/assets/", "/dashboard/vendor/monaco/vs/loader.js"};
    /** Escapes out of the asset folders: each must be refused, never serve a file from elsewhere. */
    private static final String[] TRAVERSALS = {"/dashboard/assets/..%2F..%2Fpom.xml", "/dashboard/assets/%2e%2e/%2e%2e/pom.xml",
            "/dashboard/assets/..%5c..%5cpom.xml", "/dashboard/assets/%252e%252e%252fpom.xml", "/dashboard/vendor/monaco/..%2F..%2F..%2Fpom.xml",
            "/dashboard/assets/%00", "/dashboard/assets/a%00.js", "/dashboard/assets//etc/passwd", "/dashboard/assets/%2Fetc%2Fpasswd",
            "/dashboard/assets/.%2e/app.js", "/dashboard/assets/%c0%ae%c0%ae/pom.xml", "/%2e%2e/pom.xml", "//api/v2/clients",
            "/api/v2//clients", "/API/V2/clients", "/api/v2/clients;x=1", "/%00", "/a%2fb", "/api/v2/%2e%2e/clients", "/;/login"};

    private static final Arbitrary<String> PATH = Arbitraries.frequencyOf(
            Weighted.of(6, Arbitraries.of(PATHS)),
            Weighted.of(2, Arbitraries.of(TRAVERSALS)),
            Weighted.of(4, Combinators.combine(Arbitraries.of("/", "/api/v2/", "/oauth/", "/dashboard/", "/dashboard/assets/", "/.well-known/"),
                    FuzzStrings.any().filter(s -> !s.isEmpty() && !s.equals(".") && !s.equals("..")).map(FuzzStrings::encode)
                            .list().ofMinSize(1).ofMaxSize(3)).as((prefix, segments) -> prefix + String.join("/", segments))));
    private static final Arbitrary<String> QUERY = Arbitraries.frequencyOf(Weighted.of(4, Arbitraries.just("")),
            Weighted.of(1, Arbitraries.of("?expired", "?signed-out", "?a=1&a=2", "?%25zz")),
            Weighted.of(1, Combinators.combine(FuzzStrings.any(), FuzzStrings.any()).as((k, v) -> "?" + FuzzStrings.encode(k) + "=" + FuzzStrings.encode(v))));
    /** Sign-in forms (user name, password, anti-forgery token) and anything else. */
    private static final Arbitrary<byte[]> BODY = Arbitraries.frequencyOf(
            Weighted.of(4, Arbitraries.just(new byte[0])),
            Weighted.of(3, Combinators.combine(FuzzStrings.any(), FuzzStrings.any(), FuzzStrings.any())
                    .as((user, password, csrf) -> ("username=" + FuzzStrings.encode(user) + "&password=" + FuzzStrings.encode(password)
                            + "&csrf=" + FuzzStrings.encode(csrf)).getBytes(StandardCharsets.UTF_8))),
            Weighted.of(1, JsonFuzz.any(2).map(JsonFuzz::bytes)),
            Weighted.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(100)));
    private static final Arbitrary<Optional<String>> COOKIE = Arbitraries.frequencyOf(
            Weighted.of(3, Arbitraries.just(Optional.<String>empty())),
            Weighted.of(2, Combinators.combine(Arbitraries.of("tokenhook_session=", "tokenhook_signin="), HttpFuzz.headerValue())
                    .as((name, value) -> Optional.of(name + value.replace(";", "")))));
    private static final Arbitrary<FuzzRequest> REQUESTS = Combinators.combine(HttpFuzz.methods(), PATH, QUERY, BODY,
            HttpFuzz.contentTypes(), HttpFuzz.headers(), COOKIE).as((method, path, query, body, type, headers, cookie) -> {
                var all = new ArrayList<>(headers);
                cookie.ifPresent(c -> all.add(new Header("Cookie", c)));
                if (body.length > 0) type.header("application/x-www-form-urlencoded").ifPresent(t -> all.add(new Header("Content-Type", t)));
                return new FuzzRequest(method, path + query, all, body);
            });

    private OtherRequests() {}

    static Arbitrary<FuzzRequest> any() {
        return REQUESTS;
    }
}
