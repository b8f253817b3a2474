package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v2/hooks}, its secrets and its test runner, as spec 4.1 and 4.2 give them. */
class HooksApiTest {
    private static final String SCRIPT = "module.exports = function(client, scope, audience, context, cb) { cb(null, {scope: scope}); };";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void deleteHooks() {
        for (var h : server.apiOk("GET", "/hooks", null, 200)) server.apiOk("DELETE", "/hooks/" + h.get("id").asText(), null, 204);
    }

    private static JsonNode create(String name, String trigger, boolean enabled) {
        return server.apiOk("POST", "/hooks", Map.of("name", name, "script", SCRIPT, "triggerId", trigger, "enabled", enabled), 201);
    }

    private static void assertInvalid(TestServer.Response r, int status, String errorCode) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().get("statusCode").asInt()).isEqualTo(status);
        assertThat(r.json().get("errorCode").asText()).isEqualTo(errorCode);
    }

    @Test
    void createReturnsAuth0ShapeWithDisabledDefault() {
        var h = server.apiOk("POST", "/hooks", Map.of("name", "my hook-1", "script", SCRIPT, "triggerId", "credentials-exchange",
                "dependencies", Map.of("lodash", "4.17.21")), 201);
        assertThat(h.get("id").asText()).matches("[0-9A-Z]{26}");
        assertThat(h.get("enabled").asBoolean()).isFalse();
        assertThat(h.get("triggerId").asText()).isEqualTo("credentials-exchange");
        assertThat(h.get("dependencies").get("lodash").asText()).isEqualTo("4.17.21");
        assertThat(server.apiOk("GET", "/hooks/" + h.get("id").asText(), null, 200)).isEqualTo(h);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pre-user-registration", "post-user-registration", "post-change-password", "send-phone-message"})
    void everyTriggerIsStored(String trigger) {
        var h = server.apiOk("POST", "/hooks", Map.of("name", "h-" + trigger, "script", "function (user, context, cb) { cb(); }",
                "triggerId", trigger), 201);
        assertThat(h.get("triggerId").asText()).isEqualTo(trigger);
    }

    @Test
    void createRejectsBadInput() {
        assertInvalid(server.api("POST", "/hooks", Map.of("name", "-bad", "script", SCRIPT, "triggerId", "credentials-exchange")), 400, "invalid_body");
        assertInvalid(server.api("POST", "/hooks", Map.of("name", "ok", "script", SCRIPT, "triggerId", "nope")), 400, "invalid_body");
        assertInvalid(server.api("POST", "/hooks", Map.of("name", "ok", "script", "", "triggerId", "credentials-exchange")), 400, "invalid_body");
        assertInvalid(server.api("POST", "/hooks", Map.of("name", "ok", "triggerId", "credentials-exchange")), 400, "invalid_body");
        assertInvalid(server.api("POST", "/hooks", Map.of("name", "ok", "script", SCRIPT, "triggerId", "credentials-exchange", "colour", "red")), 400, "invalid_body");
        assertInvalid(server.api("POST", "/hooks", Map.of("name", "ok", "script", SCRIPT, "triggerId", "credentials-exchange", "enabled", "yes")), 400, "invalid_body");
        assertThat(server.apiOk("GET", "/hooks", null, 200)).isEmpty();
    }

    @Test
    void scriptThatDoesNotParseOrExportsNothingIsRefusedOnSave() {
        var syntax = server.api("POST", "/hooks", Map.of("name", "broken", "script", "module.exports = function( {", "triggerId", "credentials-exchange"));
        assertInvalid(syntax, 400, "invalid_body");
        assertThat(syntax.json().get("message").asText()).contains("script");
        var nothing = server.api("POST", "/hooks", Map.of("name", "empty", "script", "var x = 1;", "triggerId", "credentials-exchange"));
        assertInvalid(nothing, 400, "invalid_body");
        var big = server.api("POST", "/hooks", Map.of("name", "big", "script", "//" + "x".repeat(101 * 1024) + "\n" + SCRIPT, "triggerId", "credentials-exchange"));
        assertInvalid(big, 400, "invalid_body");
        assertThat(server.apiOk("GET", "/hooks", null, 200)).isEmpty();
    }

    @Test
    void duplicateNameIsConflict() {
        create("twin", "credentials-exchange", false);
        assertInvalid(server.api("POST", "/hooks", Map.of("name", "twin", "script", SCRIPT, "triggerId", "pre-user-registration")), 409, "hook_conflict");
        var other = create("other", "credentials-exchange", false);
        assertInvalid(server.api("PATCH", "/hooks/" + other.get("id").asText(), Map.of("name", "twin")), 409, "hook_conflict");
    }

    @Test
    void patchUpdatesButTriggerIsImmutable() {
        var h = create("patchable", "credentials-exchange", false);
        String id = h.get("id").asText();
        var updated = server.apiOk("PATCH", "/hooks/" + id, Map.of("name", "renamed", "script", SCRIPT + "\n// v2"), 200);
        assertThat(updated.get("name").asText()).isEqualTo("renamed");
        assertThat(updated.get("script").asText()).endsWith("// v2");
        assertInvalid(server.api("PATCH", "/hooks/" + id, Map.of("triggerId", "send-phone-message")), 400, "invalid_body");
        assertInvalid(server.api("PATCH", "/hooks/" + id, Map.of()), 400, "invalid_body");
        assertInvalid(server.api("PATCH", "/hooks/" + id, Map.of("script", "nope(")), 400, "invalid_body");
        assertInvalid(server.api("PATCH", "/hooks/00000000000000000000000000", Map.of("name", "x")), 404, "inexistent_hook");
        // null is no value: a hook of any trigger keeps its name and script (was a 500 or, for a script, a 503)
        String other = create("patchable other", "pre-user-registration", false).get("id").asText();
        for (String hook : new String[] {id, other}) {
            assertInvalid(server.api("PATCH", "/hooks/" + hook, "{\"script\":null}"), 400, "invalid_body");
            assertInvalid(server.api("PATCH", "/hooks/" + hook, "{\"name\":null}"), 400, "invalid_body");
        }
    }

    @Test
    void oneEnabledHookPerTriggerAndBothChangesAreLogged() throws Exception {
        var a = create("hook-a", "credentials-exchange", true);
        var b = create("hook-b", "credentials-exchange", true);
        var other = create("hook-c", "pre-user-registration", true);
        assertThat(server.apiOk("GET", "/hooks/" + a.get("id").asText(), null, 200).get("enabled").asBoolean()).isFalse();
        assertThat(server.apiOk("GET", "/hooks/" + b.get("id").asText(), null, 200).get("enabled").asBoolean()).isTrue();
        assertThat(server.apiOk("GET", "/hooks/" + other.get("id").asText(), null, 200).get("enabled").asBoolean()).isTrue();
        assertThat(server.awaitLog("type:sapi", e -> e.get("description").asText()
                .contains("'hook-a' was disabled because 'hook-b' was enabled"))).isNotNull();
    }

    @Test
    void listFiltersPagesAndProjects() {
        create("one", "credentials-exchange", true);
        create("two", "credentials-exchange", false);
        create("three", "send-phone-message", false);
        assertThat(server.apiOk("GET", "/hooks?enabled=true", null, 200)).extracting(h -> h.get("name").asText()).containsExactly("one");
        assertThat(server.apiOk("GET", "/hooks?triggerId=send-phone-message", null, 200)).hasSize(1);
        var page = server.apiOk("GET", "/hooks?page=0&per_page=2&include_totals=true", null, 200);
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("hooks")).hasSize(2);
        var projected = server.apiOk("GET", "/hooks?fields=id,name", null, 200).get(0);
        assertThat(projected.has("script")).isFalse();
        assertThat(projected.has("name")).isTrue();
        assertInvalid(server.api("GET", "/hooks?fields=password", null), 400, "invalid_query_string");
        assertInvalid(server.api("GET", "/hooks?triggerId=nope", null), 400, "invalid_query_string");
    }

    @Test
    void deleteThenNotFound() {
        String id = create("doomed", "credentials-exchange", false).get("id").asText();
        server.apiOk("DELETE", "/hooks/" + id, null, 204);
        assertInvalid(server.api("GET", "/hooks/" + id, null), 404, "inexistent_hook");
        assertInvalid(server.api("DELETE", "/hooks/" + id, null), 404, "inexistent_hook");
    }

    @Test
    void secretsFollowTheAuth0Sequence() {
        String id = create("with-secrets", "credentials-exchange", false).get("id").asText();
        String path = "/hooks/" + id + "/secrets";
        assertThat(server.apiOk("GET", path, null, 200)).isEmpty();
        assertThat(server.apiOk("POST", path, Map.of("foo", "alpha"), 201)).isEmpty();
        server.apiOk("POST", path, Map.of("bar", "kappa"), 201);
        assertInvalid(server.api("POST", path, Map.of("foo", "again"), server.adminToken()), 409, "hook_secret_conflict");
        server.apiOk("PATCH", path, Map.of("foo", "gamma"), 201);
        assertInvalid(server.api("PATCH", path, Map.of("missing", "x")), 404, "inexistent_hook_secret");
        assertThat(server.apiOk("GET", path, null, 200).toString()).isEqualTo("{\"bar\":\"_VALUE_NOT_SHOWN_\",\"foo\":\"_VALUE_NOT_SHOWN_\"}");
        server.apiOk("DELETE", path, List.of("bar"), 204);
        assertThat(server.apiOk("GET", path, null, 200).has("bar")).isFalse();
        assertInvalid(server.api("DELETE", path, List.of()), 400, "invalid_body");
        assertInvalid(server.api("DELETE", path, Map.of("bar", 1)), 400, "invalid_body");
        assertInvalid(server.api("POST", path, Map.of("n", 5)), 400, "invalid_body");
        assertThat(server.api("GET", "/hooks/00000000000000000000000000/secrets", null).status()).isEqualTo(404);
    }

    @Test
    void atMostTwentySecrets() {
        String path = "/hooks/" + create("many-secrets", "credentials-exchange", false).get("id").asText() + "/secrets";
        var first = new HashMap<String, String>();
        for (int i = 0; i < 19; i++) first.put("S" + i, "v");
        server.apiOk("POST", path, first, 201);
        server.apiOk("POST", path, Map.of("S19", "v"), 201);
        assertInvalid(server.api("POST", path, Map.of("S20", "v")), 400, "invalid_body");
        assertThat(server.apiOk("GET", path, null, 200).size()).isEqualTo(20);
    }

    @Test
    void runnerRunsDefaultPayloadCustomPayloadAndDrafts() {
        String id = create("runner", "credentials-exchange", false).get("id").asText();
        server.apiOk("POST", "/hooks/" + id + "/secrets", Map.of("KEY", "k"), 201);
        var byDefault = server.apiOk("POST", "/hooks/" + id + "/test", null, 200);
        assertThat(byDefault.get("result").asText()).isEqualTo("success");
        assertThat(byDefault.get("scope").toString()).isEqualTo("[\"read:connections\"]");
        assertThat(byDefault.get("duration_ms").asDouble()).isPositive();
        // a null part takes the default as a missing one does (a null scope was a 500)
        var nulls = server.apiOk("POST", "/hooks/" + id + "/test", "{\"scope\":null,\"audience\":null}", 200);
        assertThat(nulls.get("scope").toString()).isEqualTo("[\"read:connections\"]");

        String draft = """
                module.exports = function(client, scope, audience, context, cb) {
                  console.log('plan', client.metadata.plan);
                  cb(null, {'https://example.com/k': context.webtask.secrets.KEY, scope: scope.concat(['extra'])});
                };""";
        var custom = server.apiOk("POST", "/hooks/" + id + "/test", Map.of("script", draft, "scope", List.of("read:data"),
                "client", Map.of("id", "abc", "name", "n", "metadata", Map.of("plan", "gold"))), 200);
        assertThat(custom.get("scope").toString()).isEqualTo("[\"read:data\",\"extra\"]");
        assertThat(custom.get("claims").get("https://example.com/k").asText()).isEqualTo("k");
        assertThat(custom.get("console").get(0).get("message").asText()).isEqualTo("plan gold");
        // the saved hook is unchanged by a draft run
        assertThat(server.apiOk("GET", "/hooks/" + id, null, 200).get("script").asText()).doesNotContain("console.log");

        var failing = server.apiOk("POST", "/hooks/" + id + "/test",
                Map.of("script", "module.exports = function(c, s, a, x, cb) { cb(new InvalidScopeError('nope')); };"), 200);
        assertThat(failing.get("result").asText()).isEqualTo("error");
        assertThat(failing.get("status").asInt()).isEqualTo(400);
        assertThat(failing.get("error").asText()).isEqualTo("invalid_scope");
        assertInvalid(server.api("POST", "/hooks/" + id + "/test", Map.of("script", "syntax error(")), 400, "invalid_body");
    }

    @Test
    void scopesAreEnforced() {
        var api = server.apiOk("GET", "/resource-servers/" + java.net.URLEncoder.encode(server.managementAudience(), java.nio.charset.StandardCharsets.UTF_8), null, 200);
        assertThat(api.get("is_system").asBoolean()).isTrue();
        var reader = server.createApp("hook reader");
        server.grant(reader.get("client_id").asText(), server.managementAudience(), "read:hooks");
        String token = server.accessToken(reader.get("client_id").asText(), reader.get("client_secret").asText(), server.managementAudience());
        assertThat(server.api("GET", "/hooks", null, token).status()).isEqualTo(200);
        var denied = server.api("POST", "/hooks", Map.of("name", "x", "script", SCRIPT, "triggerId", "credentials-exchange"), token);
        assertInvalid(denied, 403, "insufficient_scope");
        assertThat(denied.json().get("message").asText()).isEqualTo("Insufficient scope, expected any of: create:hooks");
        String id = create("guarded", "credentials-exchange", false).get("id").asText();
        assertInvalid(server.api("PATCH", "/hooks/" + id, Map.of("enabled", true), token), 403, "insufficient_scope");
        assertInvalid(server.api("DELETE", "/hooks/" + id, null, token), 403, "insufficient_scope");
        assertInvalid(server.api("POST", "/hooks/" + id + "/secrets", Map.of("a", "b"), token), 403, "insufficient_scope");
        assertInvalid(server.api("POST", "/hooks/" + id + "/test", null, token), 403, "insufficient_scope");
    }
}
