package io.tokenhook.fuzz;

import io.tokenhook.fuzz.gen.Arbitraries;
import io.tokenhook.fuzz.gen.Arbitrary;
import io.tokenhook.fuzz.gen.Combinators;
import io.tokenhook.fuzz.gen.Weighted;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route of the Management API ({@code ManagementApi.register} and the dashboard's {@code test-token}), each
 * with what a well-meaning client would send: its path parameter's real ids, its query parameters and the fields
 * of its body with good values. {@link ApiRequests} bends all of these. {@code ApiRoutesTest} keeps this list
 * complete.
 */
final class ApiRoutes {
    /** Which ids fill a path's {@code {id}} or {@code {kid}}. */
    enum Ids { NONE, API, CLIENT, GRANT, HOOK, KID, LOG }

    /** What a route's body is: none, a JSON object of fields, an object of strings, or an array of strings. */
    enum BodyKind { NONE, FIELDS, STRING_MAP, STRING_ARRAY }

    /**
     * @param weight   how often the fuzzer picks the route, relative to the others (key rotation, which makes
     *                 keys, least often)
     * @param required the fields a valid body must have
     */
    record Route(String method, String template, int weight, Ids ids, Map<String, Arbitrary<String>> query,
                 BodyKind bodyKind, Map<String, Arbitrary<Object>> fields, List<String> required) {}

    private final Fixtures f;

    ApiRoutes(Fixtures fixtures) {
        this.f = fixtures;
    }

    List<Route> all() {
        var paging = query("page", page(), "per_page", perPage(), "include_totals", bool());
        return List.of(
                get("/resource-servers", Ids.NONE, with(paging, "identifiers", oneOf(f.audience(), f.managementAudience()),
                        "fields", fieldList("id", "name", "identifier", "scopes"), "include_fields", bool())),
                write("POST", "/resource-servers", 20, Ids.NONE, apiFields(true), "identifier"),
                get("/resource-servers/{id}", Ids.API, query("fields", fieldList("id", "name", "scopes"), "include_fields", bool())),
                write("PATCH", "/resource-servers/{id}", 16, Ids.API, apiFields(false)),
                route("DELETE", "/resource-servers/{id}", 4, Ids.API),

                get("/clients", Ids.NONE, with(paging, "fields", fieldList("client_id", "name", "app_type"), "include_fields", bool(),
                        "is_global", bool(), "is_first_party", bool(), "app_type", oneOf("non_interactive", "spa,native", "x"))),
                write("POST", "/clients", 20, Ids.NONE, clientFields(), "name"),
                get("/clients/{id}", Ids.CLIENT, query("fields", fieldList("client_id", "name"), "include_fields", bool())),
                write("PATCH", "/clients/{id}", 16, Ids.CLIENT, clientFields()),
                route("DELETE", "/clients/{id}", 4, Ids.CLIENT),
                route("POST", "/clients/{id}/rotate-secret", 8, Ids.CLIENT),
                write("POST", "/clients/{id}/test-token", 12, Ids.CLIENT, fields("audience", audience(),
                        "scope", oneOf("read:fuzz", "read:fuzz write:fuzz", "", "nope")), "audience"),

                get("/client-grants", Ids.NONE, with(paging, "audience", audience(), "client_id", clientId(),
                        "from", oneOf(f.grantId(), f.adminGrantId(), "cgr_unknown"), "take", perPage())),
                write("POST", "/client-grants", 16, Ids.GRANT, fields("client_id", clientId(),
                        "audience", audience(), "scope", scopes(), "subject_type", oneOf("client", "user")),
                        "client_id", "audience", "scope"),
                get("/client-grants/{id}", Ids.GRANT, query()),
                write("PATCH", "/client-grants/{id}", 12, Ids.GRANT, fields("scope", scopes())),
                route("DELETE", "/client-grants/{id}", 4, Ids.GRANT),

                get("/hooks", Ids.NONE, with(paging, "enabled", bool(), "fields", fieldList("id", "name", "script", "enabled", "bogus"),
                        "triggerId", oneOf("credentials-exchange", "pre-user-registration", "nope"))),
                write("POST", "/hooks", 12, Ids.NONE, hookFields(true), "name", "script", "triggerId"),
                get("/hooks/{id}", Ids.HOOK, query("fields", fieldList("id", "name", "script", "bogus"))),
                write("PATCH", "/hooks/{id}", 12, Ids.HOOK, hookFields(false)),
                route("DELETE", "/hooks/{id}", 4, Ids.HOOK),
                get("/hooks/{id}/secrets", Ids.HOOK, query()),
                body("POST", "/hooks/{id}/secrets", BodyKind.STRING_MAP),
                body("PATCH", "/hooks/{id}/secrets", BodyKind.STRING_MAP),
                body("DELETE", "/hooks/{id}/secrets", BodyKind.STRING_ARRAY),
                write("POST", "/hooks/{id}/test", 20, Ids.HOOK, hookTestFields()),

                get("/keys/signing", Ids.NONE, query()),
                route("POST", "/keys/signing/rotate", 1, Ids.NONE),
                get("/keys/signing/{kid}", Ids.KID, query()),
                route("PUT", "/keys/signing/{kid}/revoke", 4, Ids.KID),

                get("/logs/stream", Ids.NONE, query("q", logQuery(), "search", logQuery(), "from", logId())),
                get("/logs", Ids.NONE, with(paging, "sort", oneOf("date:1", "date:-1", "log_id:1", "log_id:-1", "date"),
                        "fields", fieldList("log_id", "type", "date"), "include_fields", bool(), "q", logQuery(), "search", logQuery(),
                        "from", logId(), "take", perPage())),
                get("/logs/{id}", Ids.LOG, query()));
    }

    // ---- route shapes

    private static Route route(String method, String template, int weight, Ids ids) {
        return new Route(method, template, weight, ids, Map.of(), BodyKind.NONE, Map.of(), List.of());
    }

    private static Route get(String template, Ids ids, Map<String, Arbitrary<String>> query) {
        return new Route("GET", template, 16, ids, query, BodyKind.NONE, Map.of(), List.of());
    }

    private static Route write(String method, String template, int weight, Ids ids, Map<String, Arbitrary<Object>> fields,
                               String... required) {
        return new Route(method, template, weight, ids, Map.of(), BodyKind.FIELDS, fields, List.of(required));
    }

    private static Route body(String method, String template, BodyKind kind) {
        return new Route(method, template, 8, Ids.HOOK, Map.of(), kind, Map.of(), List.of());
    }

    private static Map<String, Arbitrary<String>> with(Map<String, Arbitrary<String>> base, Object... more) {
        var m = new LinkedHashMap<>(base);
        m.putAll(query(more));
        return m;
    }

    /** Query parameters: name, values, name, values... in this order, so that a seed replays the same requests. */
    @SuppressWarnings("unchecked")
    private static Map<String, Arbitrary<String>> query(Object... pairs) {
        var m = new LinkedHashMap<String, Arbitrary<String>>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (Arbitrary<String>) pairs[i + 1]);
        return m;
    }

    /** Body fields, as {@link #query}. */
    private static Map<String, Arbitrary<Object>> fields(Object... pairs) {
        var m = new LinkedHashMap<String, Arbitrary<Object>>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], object((Arbitrary<?>) pairs[i + 1]));
        return m;
    }

    // ---- bodies

    private Map<String, Arbitrary<Object>> apiFields(boolean create) {
        var m = new LinkedHashMap<String, Arbitrary<Object>>();
        if (create) m.put("identifier", object(Arbitraries.oneOf(FuzzStrings.word().map(w -> "https://fuzz.example/" + w),
                Arbitraries.of(f.audience(), f.managementAudience()))));
        m.put("name", name());
        m.put("scopes", scopeList());
        m.put("signing_alg", object(Arbitraries.of("RS256", "PS256", "ES256", "EdDSA", "HS256")));
        m.put("signing_secret", object(Arbitraries.strings().alpha().ofMinLength(32).ofMaxLength(48)));
        m.put("token_lifetime", object(Arbitraries.integers().between(1, 2_592_000)));
        m.put("allow_offline_access", object(Arbitraries.of(true, false)));
        m.put("skip_consent_for_verifiable_first_party_clients", object(Arbitraries.of(true, false)));
        m.put("token_lifetime_for_web", object(Arbitraries.integers().between(1, 86_400)));
        m.put("enforce_policies", object(Arbitraries.of(true, false)));
        m.put("token_dialect", object(Arbitraries.of("access_token", "access_token_authz")));
        return m;
    }

    private Map<String, Arbitrary<Object>> clientFields() {
        var m = new LinkedHashMap<String, Arbitrary<Object>>();
        m.put("name", name());
        m.put("description", object(FuzzStrings.any()));
        m.put("app_type", object(Arbitraries.of("non_interactive", "spa", "native", "regular_web")));
        m.put("grant_types", object(Arbitraries.of("client_credentials", "password", "implicit").list().ofMaxSize(3)));
        m.put("token_endpoint_auth_method", object(Arbitraries.of("client_secret_post", "client_secret_basic", "none")));
        m.put("client_metadata", object(JsonFuzz.objectOf(FuzzStrings.word(), FuzzStrings.any(), 3)));
        m.put("is_first_party", object(Arbitraries.of(true, false)));
        m.put("client_secret", object(Arbitraries.strings().alpha().numeric().ofMinLength(16).ofMaxLength(64)));
        m.put("callbacks", object(FuzzStrings.any().list().ofMaxSize(3)));
        m.put("logo_uri", object(FuzzStrings.any()));
        m.put("oidc_conformant", object(Arbitraries.of(true, false)));
        m.put("jwt_configuration", object(JsonFuzz.object(1)));
        m.put("addons", object(JsonFuzz.object(2)));
        return m;
    }

    private Map<String, Arbitrary<Object>> hookFields(boolean create) {
        var m = new LinkedHashMap<String, Arbitrary<Object>>();
        m.put("name", object(Combinators.combine(FuzzStrings.word(), Arbitraries.of("", " ", "-", " x-"), FuzzStrings.word())
                .as((a, sep, b) -> sep.isEmpty() ? a : a + sep + b)));
        m.put("script", object(Arbitraries.frequencyOf(Weighted.of(4, Arbitraries.of(Fixtures.GOOD_SCRIPTS)),
                Weighted.of(2, Arbitraries.of(Fixtures.BROKEN_SCRIPTS)), Weighted.of(1, FuzzStrings.any()))));
        if (create) m.put("triggerId", object(Arbitraries.of("credentials-exchange", "pre-user-registration", "post-user-registration")));
        m.put("enabled", object(Arbitraries.of(true, false)));
        m.put("dependencies", object(JsonFuzz.objectOf(FuzzStrings.word(), Arbitraries.of("1.0.0", "latest", ""), 2)));
        return m;
    }

    private Map<String, Arbitrary<Object>> hookTestFields() {
        var client = Combinators.combine(clientId(), FuzzStrings.any(), JsonFuzz.objectOf(FuzzStrings.word(), FuzzStrings.any(), 2))
                .as((id, name, metadata) -> (Object) JsonFuzz.members("id", id, "name", name, "metadata", metadata));
        var context = Combinators.combine(FuzzStrings.any(), FuzzStrings.any(), JsonFuzz.objectOf(FuzzStrings.word(), FuzzStrings.any(), 3))
                .as((ip, ua, body) -> (Object) JsonFuzz.members("ip", ip, "userAgent", ua, "body", body));
        var m = new LinkedHashMap<String, Arbitrary<Object>>();
        m.put("client", client);
        m.put("scope", object(scopes()));
        m.put("audience", object(audience()));
        m.put("context", context);
        m.put("script", object(Arbitraries.of(concat(Fixtures.GOOD_SCRIPTS, Fixtures.FAILING_SCRIPTS, Fixtures.BROKEN_SCRIPTS))));
        return m;
    }

    /** A name: a plain word mostly, any string now and then (names may hold any character but '<' and '>'). */
    private static Arbitrary<Object> name() {
        return object(Arbitraries.frequencyOf(Weighted.of(3, FuzzStrings.word()), Weighted.of(1, FuzzStrings.any())));
    }

    private Arbitrary<Object> scopeList() {
        var scope = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(f.scopes()), FuzzStrings.word().map(w -> "do:" + w)), FuzzStrings.any())
                .as((value, description) -> (Object) JsonFuzz.members("value", value, "description", description));
        return scope.list().ofMaxSize(4).map(l -> (Object) l);
    }

    private Arbitrary<List<String>> scopes() {
        return Arbitraries.oneOf(Arbitraries.of(f.scopes()), FuzzStrings.word()).list().ofMaxSize(3);
    }

    private Arbitrary<String> audience() {
        return Arbitraries.oneOf(Arbitraries.of(f.audience(), f.managementAudience()), FuzzStrings.any());
    }

    private Arbitrary<String> clientId() {
        return Arbitraries.oneOf(Arbitraries.just(f.clientId()), FuzzStrings.word());
    }

    private static Arbitrary<Object> object(Arbitrary<?> a) {
        return a.map(v -> (Object) v);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    // ---- query values

    private static Arbitrary<String> page() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-2, 5).map(String::valueOf), Arbitraries.of("21474837", "99999999999", "x", ""));
    }

    private static Arbitrary<String> perPage() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-1, 120).map(String::valueOf), Arbitraries.of("1e3", "", "2147483648"));
    }

    private static Arbitrary<String> bool() {
        return Arbitraries.of("true", "false", "TRUE", "1", "", "yes");
    }

    private static Arbitrary<String> oneOf(String... values) {
        return Arbitraries.of(values);
    }

    private static Arbitrary<String> fieldList(String... names) {
        return Arbitraries.of(names).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l));
    }

    private Arbitrary<String> logId() {
        return Arbitraries.oneOf(Arbitraries.of(f.logIds()), FuzzStrings.any());
    }

    /** Log searches in the supported Lucene subset and out of it. */
    private Arbitrary<String> logQuery() {
        var field = Arbitraries.of("type", "client_id", "audience", "hook_id", "log_id", "description", "TYPE", "");
        var value = Arbitraries.oneOf(Arbitraries.of("seccft", "feccft", "sapi", f.clientId(), "*", "\"quoted \\\" value\"",
                        "(seccft OR sapi)", "[* TO *]", "{a TO z]", "[x TO]", "()", "\"\"", "\"", "(", "["),
                Arbitraries.of(f.logIds()).map(id -> "[" + id + " TO *]"), FuzzStrings.any());
        var clause = Combinators.combine(field, value).as((k, v) -> k + ":" + v);
        return Arbitraries.oneOf(clause.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(" AND ", l)),
                clause.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(" ", l)), FuzzStrings.any());
    }
}
