package io.tokenhook.oauth;

import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/** Exchanges through an enabled credentials-exchange hook, over real HTTP with real GraalJS. */
class HookedExchangeTest {
    private static final String AUDIENCE = "https://api.example.com/hooked";
    private static TestServer server;
    private static TestServer.App app;

    @BeforeAll
    static void start() {
        server = TestServer.start(); // hook deadline 2 s in tests
        app = server.appWithGrant(AUDIENCE, List.of("read", "write"), List.of("read"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void deleteHooks() {
        for (var h : server.apiOk("GET", "/hooks", null, 200)) server.apiOk("DELETE", "/hooks/" + h.get("id").asText(), null, 204);
    }

    private static String enable(String name, String script) {
        return server.apiOk("POST", "/hooks", Map.of("name", name, "script", script, "triggerId", "credentials-exchange",
                "enabled", true), 201).get("id").asText();
    }

    private static TestServer.Response exchange() {
        return exchange(app);
    }

    private static TestServer.Response exchange(TestServer.App who) {
        return server.tokenForm(params("grant_type", "client_credentials", "client_id", who.clientId(),
                "client_secret", who.clientSecret(), "audience", AUDIENCE));
    }

    private static Map<String, Object> claims(TestServer.Response r) throws Exception {
        return SignedJWT.parse(r.json().get("access_token").asText()).getJWTClaimsSet().getClaims();
    }

    @Test
    void secretsReachTheHook() throws Exception {
        String id = enable("secret-reader", """
                module.exports = function(client, scope, audience, context, cb) {
                  cb(null, {'https://example.com/api_key': context.webtask.secrets.API_KEY, scope: scope});
                };""");
        server.apiOk("POST", "/hooks/" + id + "/secrets", Map.of("API_KEY", "s3cr3t-value"), 201);
        var r = exchange();
        assertThat(r.status()).isEqualTo(200);
        assertThat(claims(r)).containsEntry("https://example.com/api_key", "s3cr3t-value");
        assertThat(server.apiOk("GET", "/hooks/" + id + "/secrets", null, 200).get("API_KEY").asText()).isEqualTo("_VALUE_NOT_SHOWN_");
    }

    @Test
    void hookSeesClientAudienceAndRequest() throws Exception {
        server.apiOk("PATCH", "/clients/" + app.clientId(), Map.of("client_metadata", Map.of("plan", "gold")), 200);
        enable("inspector", """
                module.exports = function(client, scope, audience, context, cb) {
                  cb(null, {'https://example.com/seen': [client.id, client.name, client.tenant, client.metadata.plan,
                    audience, scope.join(' '), context.ip, context.body.tier, String(context.body.client_secret)].join('|')});
                };""");
        var r = server.tokenForm(params("grant_type", "client_credentials", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "audience", AUDIENCE, "tier", "premium"));
        assertThat(claims(r).get("https://example.com/seen")).isEqualTo(String.join("|", app.clientId(),
                "app for " + AUDIENCE, "test-tenant", "gold", AUDIENCE, "read", "127.0.0.1", "premium", "undefined"));
        // the returned object had no scope: the token has none
        assertThat(claims(r)).doesNotContainKey("scope");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cb(new Error('access denied'))|500|server_error|access denied",
            "cb(new ServerError('backend down'))|500|server_error|backend down",
            "cb(new InvalidScopeError('no such scope'))|400|invalid_scope|no such scope",
            "cb(new InvalidRequestError('bad tier'))|400|invalid_request|bad tier",
            "throw new Error('boom')|500|server_error|boom"})
    void hookErrorsMapToOAuthErrors(String statement, int status, String error, String description) throws Exception {
        enable("failing", "module.exports = function(client, scope, audience, context, cb) { " + statement + "; };");
        var r = exchange();
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isEqualTo(error);
        assertThat(r.json().get("error_description").asText()).isEqualTo(description);
        assertThat(server.awaitLog("type:feccft AND client_id:" + app.clientId(),
                e -> e.get("description").asText().equals(description))).isNotNull();
    }

    @Test
    void hookThatNeverCallsBackFailsAtItsDeadlineAndIsLoggedByName() throws Exception {
        String id = enable("silent", "module.exports = function(client, scope, audience, context, cb) { };");
        var r = exchange();
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("error").asText()).isEqualTo("server_error");
        var hkerr = server.awaitLog("type:hkerr AND hook_id:" + id);
        assertThat(hkerr.get("description").asText()).contains("silent");
        assertThat(hkerr.get("details").get("timed_out").asBoolean()).isTrue();
    }

    @Test
    void infiniteLoopFailsItsOwnRequestOnly() {
        enable("spinner", "module.exports = function(client, scope, audience, context, cb) { while (true) {} };");
        var r = exchange();
        assertThat(r.status()).isEqualTo(500);
        assertThat(server.get("/healthz").status()).isEqualTo(200);
        // the admin's Management API exchange never runs the hook, so operators can always fix it
        assertThat(server.tokenForm(params("grant_type", "client_credentials", "client_id", TestServer.ADMIN_ID,
                "client_secret", TestServer.ADMIN_SECRET, "audience", server.managementAudience())).status()).isEqualTo(200);
    }

    @Test
    void consoleOutputIsLoggedWithTheExchange() throws Exception {
        String id = enable("chatty", """
                module.exports = function(client, scope, audience, context, cb) {
                  console.log('hello from', client.name);
                  cb(null, {scope: scope, ignored_claim: 1});
                };""");
        var r = exchange();
        assertThat(r.status()).isEqualTo(200);
        var seccft = server.awaitLog("type:seccft AND hook_id:" + id);
        var line = server.awaitLog("type:hkcon AND hook_id:" + id,
                e -> e.get("description").asText().equals("hello from app for " + AUDIENCE));
        var warning = server.awaitLog("type:hkcon AND hook_id:" + id, e -> e.get("description").asText().contains("ignored_claim"));
        assertThat(warning.get("details").get("level").asText()).isEqualTo("warn");
        assertThat(line.get("details").get("exchange_log_id").asText()).isEqualTo(seccft.get("log_id").asText());
    }

    @Test
    void enablingAHookDisablesTheOtherOfItsTrigger() throws Exception {
        String first = enable("first", "module.exports = function(c, s, a, x, cb) { cb(null, {'https://example.com/who': 'first', scope: s}); };");
        String second = server.apiOk("POST", "/hooks", Map.of("name", "second", "triggerId", "credentials-exchange",
                "script", "module.exports = function(c, s, a, x, cb) { cb(null, {'https://example.com/who': 'second', scope: s}); };"), 201)
                .get("id").asText();
        assertThat(claims(exchange())).containsEntry("https://example.com/who", "first");

        server.apiOk("PATCH", "/hooks/" + second, Map.of("enabled", true), 200);
        assertThat(server.apiOk("GET", "/hooks/" + first, null, 200).get("enabled").asBoolean()).isFalse();
        assertThat(claims(exchange())).containsEntry("https://example.com/who", "second");

        server.apiOk("PATCH", "/hooks/" + second, Map.of("enabled", false), 200);
        assertThat(claims(exchange())).doesNotContainKey("https://example.com/who");
    }

    @Test
    void actionsStyleHookSetsClaimsAndCanDeny() throws Exception {
        enable("action", """
                exports.onExecuteCredentialsExchange = async (event, api) => {
                  if (event.request.body.deny === 'yes') { api.access.deny('invalid_request', 'denied by policy'); return; }
                  api.accessToken.setCustomClaim('https://example.com/tenant', event.tenant.id);
                };""");
        var ok = exchange();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(claims(ok)).containsEntry("https://example.com/tenant", "test-tenant").containsEntry("scope", "read");
        var denied = server.tokenForm(params("grant_type", "client_credentials", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "audience", AUDIENCE, "deny", "yes"));
        assertThat(denied.status()).isEqualTo(400);
        assertThat(denied.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(denied.json().get("error_description").asText()).isEqualTo("denied by policy");
    }

    @Test
    void concurrentExchangesThroughOneHookNeverShareClaims() throws Exception {
        enable("per-client", """
                var calls = 0;
                module.exports = function(client, scope, audience, context, cb) {
                  calls++;
                  setTimeout(function() { cb(null, {'https://example.com/client': client.id, scope: scope}); }, 1);
                };""");
        var apps = new ArrayList<TestServer.App>();
        for (int i = 0; i < 4; i++) {
            var a = server.createApp("parallel " + i);
            server.grant(a.get("client_id").asText(), AUDIENCE, "read");
            apps.add(new TestServer.App(a.get("client_id").asText(), a.get("client_secret").asText()));
        }
        var pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<Callable<Void>>();
            for (int i = 0; i < 80; i++) {
                var who = apps.get(i % apps.size());
                tasks.add(() -> {
                    var r = exchange(who);
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(claims(r)).containsEntry("https://example.com/client", who.clientId());
                    return null;
                });
            }
            for (var f : pool.invokeAll(tasks)) f.get();
        } finally {
            pool.shutdown();
        }
    }
}
