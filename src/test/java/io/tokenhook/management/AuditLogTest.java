package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.tokenhook.management.ApiTests.awaitLogs;
import static io.tokenhook.management.ApiTests.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail of management writes: every write logs {@code sapi} with its actor, operation and target (hooks with
 * the SHA-256 of their script before and after), every write refused after authentication logs {@code fapi}, and none
 * of them holds a secret value.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)   // the hooks after the rest: the hook runtime warms up meanwhile
class AuditLogTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiTests.Caller caller(String name, String... scopes) {
        return ApiTests.managementCaller(server, name, scopes.length == 0 ? ApiTests.ALL_SCOPES.toArray(String[]::new) : scopes);
    }

    private static JsonNode call(ApiTests.Caller caller, String method, String path, Object body, int expected) {
        var r = server.api(method, path, body, caller.token());
        assertThat(r.status()).as("%s %s: %s", method, path, r.text()).isEqualTo(expected);
        return r.text().isEmpty() ? null : r.json();
    }

    /** The caller's events of {@code type}, oldest first, once {@code count} are written. */
    private static List<JsonNode> events(String type, ApiTests.Caller caller, int count) {
        JsonNode newestFirst = awaitLogs(server, "type:" + type + " AND client_id:" + caller.clientId(), count);
        var events = new ArrayList<JsonNode>();
        newestFirst.forEach(e -> events.add(0, e));
        assertThat(events).hasSize(count);
        return events;
    }

    /** "operation target-type target-id" of a management event. */
    private static String summary(JsonNode e) {
        JsonNode d = e.get("details");
        return d.get("operation").asText() + " " + d.get("target").get("type").asText() + " " + d.get("target").path("id").asText("-");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Order(3)
    void hookWritesWhenLoggedThenCarryTheScriptHashBeforeAndAfter() throws Exception {
        var caller = caller("Hook auditor");
        // both keep the scopes: the enabled hook runs for the other tests' callers too
        String v1 = "module.exports = function(client, scope, audience, context, cb) { cb(null, {scope: scope}); };";
        String v2 = "module.exports = function(client, scope, audience, context, cb) { cb(null, {scope: scope, 'https://a.example/v': 2}); };";
        String first = call(caller, "POST", "/hooks", Map.of("name", "audited-one", "script", v1, "triggerId", "credentials-exchange",
                "enabled", true), 201).get("id").asText();
        call(caller, "PATCH", "/hooks/" + first, Map.of("script", v2), 200);
        String second = call(caller, "POST", "/hooks", Map.of("name", "audited-two", "script", v1, "triggerId", "credentials-exchange"), 201)
                .get("id").asText();
        call(caller, "PATCH", "/hooks/" + second, Map.of("enabled", true), 200);   // disables the first
        call(caller, "DELETE", "/hooks/" + first, null, 204);

        var events = events("sapi", caller, 6);
        assertThat(events).extracting(AuditLogTest::summary).containsExactly("create hook " + first, "update hook " + first,
                "create hook " + second, "update hook " + second, "disable hook " + first, "delete hook " + first);
        assertThat(events).extracting(e -> e.get("details").get("script").get("old_sha256").asText("none") + " > "
                + e.get("details").get("script").get("new_sha256").asText("none")).containsExactly(
                "none > " + sha256(v1), sha256(v1) + " > " + sha256(v2), "none > " + sha256(v1), sha256(v1) + " > " + sha256(v1),
                sha256(v2) + " > " + sha256(v2), sha256(v2) + " > none");
        assertThat(events.get(4).get("description").asText())
                .isEqualTo("Disable a hook: 'audited-one' was disabled because 'audited-two' was enabled for credentials-exchange");
        assertThat(events.get(4).get("details").get("actor").asText()).isEqualTo(caller.clientId());
        for (JsonNode e : events) assertThat(e.toString()).doesNotContain("module.exports");
        call(caller, "DELETE", "/hooks/" + second, null, 204);
    }

    @Test
    @Order(4)
    void hookSecretWritesWhenLoggedThenNameTheSecretsNeverTheirValues() {
        var caller = caller("Secret keeper");
        String hook = call(caller, "POST", "/hooks", Map.of("name", "audited-secrets", "script",
                "module.exports = function(c, s, a, ctx, cb) { cb(null, {}); };", "triggerId", "credentials-exchange"), 201).get("id").asText();
        String added = "added-value-" + System.nanoTime();
        String changed = "changed-value-" + System.nanoTime();
        call(caller, "POST", "/hooks/" + hook + "/secrets", Map.of("API_KEY", added, "OTHER", added), 201);
        call(caller, "PATCH", "/hooks/" + hook + "/secrets", Map.of("API_KEY", changed), 201);
        call(caller, "DELETE", "/hooks/" + hook + "/secrets", List.of("OTHER"), 204);
        call(caller, "POST", "/hooks/" + hook + "/secrets", Map.of("API_KEY", changed + "-again"), 409);

        var events = events("sapi", caller, 4);
        assertThat(events).extracting(AuditLogTest::summary).containsExactly("create hook " + hook, "add_secrets hook " + hook,
                "update_secrets hook " + hook, "delete_secrets hook " + hook);
        assertThat(events).extracting(e -> e.get("details").path("secrets").toString())
                .containsExactly("", "[\"API_KEY\",\"OTHER\"]", "[\"API_KEY\"]", "[\"OTHER\"]");
        var refused = events("fapi", caller, 1).get(0);
        assertThat(summary(refused)).isEqualTo("add_secrets hook " + hook);
        assertThat(refused.get("details").get("secrets").toString()).isEqualTo("[\"API_KEY\"]");
        for (JsonNode e : List.of(events.get(1), events.get(2), events.get(3), refused)) {
            assertThat(e.toString()).doesNotContain(added).doesNotContain(changed);
        }
    }

    @Test
    @Order(2)
    void clientSecretsWhenCreatedOrRotatedThenNeverInTheLog() {
        var caller = caller("Secret maker");
        String chosen = "a-chosen-secret-for-a-migrated-client-" + System.nanoTime();
        var created = call(caller, "POST", "/clients", Map.of("name", "migrated", "client_secret", chosen), 201);
        String generated = call(caller, "POST", "/clients", Map.of("name", "generated"), 201).get("client_secret").asText();
        String clientId = created.get("client_id").asText();
        String rotated = call(caller, "POST", "/clients/" + clientId + "/rotate-secret", null, 200).get("client_secret").asText();
        call(caller, "POST", "/clients", Map.of("name", "refused", "client_secret", "short"), 400);

        var events = new ArrayList<>(events("sapi", caller, 3));
        events.addAll(events("fapi", caller, 1));
        assertThat(events.get(0).get("details").get("fields").toString()).isEqualTo("[\"client_secret\",\"name\"]");
        for (JsonNode e : events) {
            assertThat(e.toString()).doesNotContain(chosen).doesNotContain(generated).doesNotContain(rotated).doesNotContain("\"short\"");
        }
    }

    @Test
    @Order(1)
    void refusedWritesWhenTheCallerIsKnownThenFapiWithTheStatus() {
        var reader = caller("Read-only auditor", "read:clients");
        var writer = caller("Careless writer");
        call(reader, "POST", "/clients", Map.of("name", "not allowed"), 403);
        call(reader, "GET", "/hooks", null, 403);                                    // a refused read is no write
        call(writer, "POST", "/clients", Map.of("name", "x", "bogus", 1), 400);
        call(writer, "DELETE", "/clients/no-such-client", null, 404);
        call(writer, "PATCH", "/client-grants/cgr_none", Map.of("scope", List.of()), 404);
        assertThat(server.api("POST", "/clients", Map.of("name", "anonymous"), null).status()).isEqualTo(401);
        assertThat(server.api("POST", "/clients", Map.of("name", "forged"), "not-a-token").status()).isEqualTo(401);

        var denied = events("fapi", reader, 1).get(0);
        assertThat(denied.get("description").asText()).isEqualTo("Insufficient scope, expected any of: create:clients");
        assertThat(summary(denied)).isEqualTo("create client -");
        assertThat(denied.get("details").get("actor").asText()).isEqualTo(reader.clientId());
        assertThat(denied.get("details").get("response").toString()).isEqualTo("{\"statusCode\":403,\"errorCode\":\"insufficient_scope\"}");
        assertThat(denied.get("details").get("request").toString()).isEqualTo("{\"method\":\"POST\",\"path\":\"/api/v2/clients\"}");

        var refused = events("fapi", writer, 3);
        assertThat(refused).extracting(AuditLogTest::summary)
                .containsExactly("create client -", "delete client no-such-client", "update client_grant cgr_none");
        assertThat(refused).extracting(e -> e.get("details").get("response").get("statusCode").asInt()).containsExactly(400, 404, 404);
        assertThat(refused.get(0).get("description").asText()).isEqualTo("Payload validation error: 'Additional properties not allowed: bogus'.");
        assertThat(refused.get(0).get("details").get("fields").toString()).isEqualTo("[\"bogus\",\"name\"]");
        // nothing was logged for the calls without a valid token: they name no actor
        assertThat(ApiTests.logs(server, "per_page=100&q=" + enc("type:fapi")).findValuesAsText("description"))
                .noneMatch(d -> d.equals("Missing authentication") || d.startsWith("Invalid token"));
    }

    @Test
    @Order(Integer.MAX_VALUE)   // the revoke retires the key every earlier token of this server was signed with
    void signingKeyWritesWhenLoggedThenNameTheKeys() throws Exception {
        var caller = caller("Key auditor");
        String oldKid = server.apiOk("GET", "/keys/signing", null, 200).findParents("kid").stream()
                .filter(k -> k.path("current").asBoolean()).findFirst().orElseThrow().get("kid").asText();
        JsonNode rotated = call(caller, "POST", "/keys/signing/rotate", null, 201);
        String newKid = rotated.get("kid").asText();
        call(caller, "PUT", "/keys/signing/" + newKid + "/revoke", null, 400);     // the next key cannot be revoked
        while (!call(caller, "GET", "/keys/signing/" + oldKid, null, 200).path("previous").asBoolean()) Thread.sleep(50);
        call(caller, "PUT", "/keys/signing/" + oldKid + "/revoke", null, 200);

        var fresh = new ApiTests.Caller(caller.clientId(), caller.clientSecret(),
                server.accessToken(caller.clientId(), caller.clientSecret(), server.managementAudience()));
        var events = new ArrayList<JsonNode>();
        for (int i = 0; i < 100 && events.size() < 3; i++) {
            Thread.sleep(i == 0 ? 0 : 50);
            events.clear();
            server.api("GET", "/logs?per_page=10&q=" + enc("type:(sapi OR fapi) AND client_id:" + caller.clientId()), null, fresh.token())
                    .json().forEach(e -> events.add(0, e));
        }
        assertThat(events).extracting(e -> e.get("type").asText() + " " + summary(e))
                .containsExactly("sapi rotate signing_key -", "fapi revoke signing_key " + newKid, "sapi revoke signing_key " + oldKid);
        assertThat(events.get(0).get("details").get("keys").findValuesAsText("kid")).isEmpty();
        assertThat(events.get(0).get("details").get("keys").get(0).asText()).isEqualTo(newKid);
        for (JsonNode e : events) assertThat(e.toString()).doesNotContain("\"d\"");
    }
}
