package io.tokenhook.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.management.ApiTests;
import io.tokenhook.support.TestServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the fuzzer aims at: ids of real objects (so requests reach the code behind "not found"), the credentials of
 * an authorized application, and a read-only Management API token. The bootstrap admin application is left out on
 * purpose: a fuzzed secret rotation would lock the fuzzer itself out.
 */
record Fixtures(String managementAudience, String systemApiId, String apiId, String audience, List<String> scopes,
                String clientId, String clientSecret, String grantId, String adminGrantId, String hookId,
                String otherHookId, List<String> kids, List<String> logIds, String readOnlyToken) {
    static final String AUDIENCE = "https://fuzz.example/api";

    /** Hooks that always succeed, whatever the exchange: the fuzzer enables them, and every exchange then runs one. */
    static final List<String> GOOD_SCRIPTS = List.of(
            "module.exports = function (client, scope, audience, context, cb) {\n"
                    + "  cb(null, { 'https://fuzz.example/audience': String(audience) });\n};\n",
            "module.exports = function (client, scope, audience, context, cb) {\n"
                    + "  console.log('fuzz exchange for', client && client.name);\n  cb(null, { scope: scope || [] });\n};\n",
            "exports.onExecuteCredentialsExchange = async (event, api) => {\n"
                    + "  api.accessToken.setCustomClaim('https://fuzz.example/n', 1);\n};\n");
    /** Hooks that fail or refuse: only ever run as drafts by the test runner, never saved. */
    static final List<String> FAILING_SCRIPTS = List.of(
            "module.exports = function (client, scope, audience, context, cb) { cb(new Error('refused by the fuzz hook')); };",
            "module.exports = function (client, scope, audience, context, cb) { throw new TypeError('thrown by the fuzz hook'); };",
            "module.exports = function (client, scope, audience, context, cb) { cb(null, { scope: scope.concat(['x']) }); };",
            "module.exports = function (client, scope, audience, context, cb) { cb(new InvalidScopeError('fuzz')); };",
            "exports.onExecuteCredentialsExchange = async (event, api) => { api.access.deny('denied by the fuzz hook'); };");
    /** Scripts that must not load. */
    static final List<String> BROKEN_SCRIPTS = List.of("", "   ", "module.exports = 1;", "function (", "}{",
            "module.exports = function (", "exports.other = () => 1;", "null", "while (", "'use strict'; let x = ;");

    /** Creates the fixtures on {@code server}. */
    static Fixtures create(TestServer server) {
        String systemApiId = server.apiOk("GET", "/resource-servers/" + FuzzStrings.encode(server.managementAudience()), null, 200)
                .get("id").asText();
        String apiId = server.createApi(AUDIENCE, "read:fuzz", "write:fuzz").get("id").asText();
        JsonNode app = server.createApp("fuzz target");
        String clientId = app.get("client_id").asText();
        String grantId = server.grant(clientId, AUDIENCE, "read:fuzz").get("id").asText();
        String adminGrantId = server.apiOk("GET", "/client-grants?client_id=" + TestServer.ADMIN_ID, null, 200).get(0).get("id").asText();
        String hookId = createHook(server, Map.of("name", "fuzz hook", "script", GOOD_SCRIPTS.get(0),
                "triggerId", "credentials-exchange", "enabled", true));
        server.apiOk("POST", "/hooks/" + hookId + "/secrets", Map.of("FUZZ_SECRET", "s3cret-value"), 201);
        String otherHookId = server.apiOk("POST", "/hooks", Map.of("name", "fuzz other trigger", "script", "module.exports = 1;",
                "triggerId", "pre-user-registration"), 201).get("id").asText();
        var kids = new ArrayList<String>();
        server.apiOk("GET", "/keys/signing", null, 200).forEach(k -> kids.add(k.get("kid").asText()));
        var reader = ApiTests.managementCaller(server, "fuzz reader", "read:clients", "read:logs");
        var logIds = new ArrayList<String>();
        server.awaitLog("type:sapi");
        server.apiOk("GET", "/logs?per_page=5", null, 200).forEach(e -> logIds.add(e.get("log_id").asText()));
        return new Fixtures(server.managementAudience(), systemApiId, apiId, AUDIENCE, List.of("read:fuzz", "write:fuzz"),
                clientId, app.get("client_secret").asText(), grantId, adminGrantId, hookId, otherHookId, List.copyOf(kids),
                List.copyOf(logIds), reader.token());
    }

    /**
     * Creates a hook, trying again while its check times out: on a busy machine the first scripts the engine loads can
     * take longer than the test server's 2 s hook deadline.
     */
    private static String createHook(TestServer server, Map<String, Object> hook) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            var r = server.api("POST", "/hooks", hook);
            if (r.status() == 201) return r.json().get("id").asText();
            if (!r.text().contains("did not finish loading") || System.nanoTime() > deadline) {
                throw new AssertionError("POST /hooks -> " + r.status() + " " + r.text());
            }
        }
    }

    /** Stand-ins with the right shapes, for looking at the generators without a server. */
    static Fixtures placeholder() {
        return new Fixtures("http://localhost:1/api/v2/", "rs_system", "rs_fuzz", AUDIENCE, List.of("read:fuzz"), "client0",
                "secret0", "cgr_fuzz", "cgr_admin", "hook_fuzz", "hook_other", List.of("kid0"), List.of("log0"), "reader-token");
    }
}
