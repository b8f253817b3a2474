package io.tokenhook.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenhook.dashboard.DashboardSession;
import io.tokenhook.store.StoreTx;
import io.tokenhook.support.LogCapture;
import io.tokenhook.support.SecretScanner;
import io.tokenhook.support.TestSecrets;
import io.tokenhook.support.TestSecrets.Kind;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret in any log line or log event. First a scenario through every flow that carries one (applications created
 * and rotated, hook secrets, exchanges by form, JSON and Basic with right and wrong secrets, Management API calls with
 * good, refused and forged tokens, dashboard sign-in with a wrong and the right password, the test-token action, a key
 * rotation); then, running after every other class of the run (see {@code junit-platform.properties}), a scan of
 * everything the run's servers logged ({@link LogCapture}) and of the log events of every server, for every secret
 * the run registered ({@link TestSecrets}), in clear, form-encoded and base64-encoded.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretLeakTest {
    private static final Logger SCAN_LOG = LoggerFactory.getLogger("io.tokenhook.secretscan");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIENCE = "https://leak-check.example/rs";
    private static final String HS_AUDIENCE = "https://leak-check.example/hs";

    private static String random(String prefix) {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return prefix + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A secret the server never hands out, so {@link TestServer} cannot see it: registered here. */
    private static String secret(Kind kind, String prefix) {
        String s = random(prefix);
        TestSecrets.register(kind, s);
        return s;
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static int exchangeBasic(TestServer server, String id, String secret, String audience) {
        return server.send(server.request("/oauth/token").header("Authorization", basic(id, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.form(params("grant_type", "client_credentials", "audience", audience)))))
                .status();
    }

    private static int exchangeForm(TestServer server, String id, String secret, String audience) {
        return server.tokenForm(params("grant_type", "client_credentials", "client_id", id, "client_secret", secret, "audience", audience))
                .status();
    }

    @Test
    @Order(1)
    void aScenarioThroughEverySecretBearingFlowLogsNoneOfThem() throws Exception {
        String password = secret(Kind.DASHBOARD_PASSWORD, "password");
        try (var server = DashboardSession.startServer(Map.of("TOKENHOOK_ADMIN_PASSWORD", password))) {
            // applications: a generated secret, a chosen one, a rotation; an HS256 API and its signing secret
            server.createApi(AUDIENCE, "read:x");
            server.createApiSigned(HS_AUDIENCE, "HS256", "read:x");
            var app = server.createApp("leak check");
            String id = app.get("client_id").asText();
            String first = app.get("client_secret").asText();
            server.grant(id, AUDIENCE, "read:x");
            server.grant(id, HS_AUDIENCE, "read:x");
            String chosen = random("chosen");
            server.apiOk("POST", "/clients", Map.of("name", "migrated", "client_secret", chosen), 201);
            String rotated = server.apiOk("POST", "/clients/" + id + "/rotate-secret", null, 200).get("client_secret").asText();

            // a hook that reads its secrets, which are added, then changed
            String hook = server.apiOk("POST", "/hooks", Map.of("name", "leak-check", "triggerId", "credentials-exchange", "enabled", true,
                    "script", """
                            module.exports = function(client, scope, audience, context, cb) {
                              console.log('exchange for ' + client.name + ', key of ' + context.webtask.secrets.API_KEY.length + ' characters');
                              cb(null, {scope: scope, 'https://leak-check.example/keyed': context.webtask.secrets.API_KEY.length > 0});
                            };"""), 201).get("id").asText();
            server.apiOk("POST", "/hooks/" + hook + "/secrets", Map.of("API_KEY", random("hook"), "OTHER", random("hook")), 201);
            server.apiOk("PATCH", "/hooks/" + hook + "/secrets", Map.of("API_KEY", random("hook-changed")), 201);
            assertThat(server.api("POST", "/hooks/" + hook + "/secrets", Map.of("TOO_LONG", random("long").repeat(200))).status()).isEqualTo(400);

            // exchanges: form, Basic and JSON with the right secret; wrong, rotated-away and mistyped secrets
            assertThat(exchangeForm(server, id, rotated, AUDIENCE)).isEqualTo(200);
            assertThat(exchangeBasic(server, id, rotated, HS_AUDIENCE)).isEqualTo(200);
            assertThat(server.tokenJson(Map.of("grant_type", "client_credentials", "client_id", id, "client_secret", rotated,
                    "audience", AUDIENCE)).status()).isEqualTo(200);
            String wrong = secret(Kind.WRONG_SECRET, "wrong");
            assertThat(exchangeForm(server, id, wrong, AUDIENCE)).isEqualTo(401);
            assertThat(exchangeBasic(server, id, wrong, AUDIENCE)).isEqualTo(401);
            assertThat(exchangeForm(server, id, first, AUDIENCE)).isEqualTo(401);
            assertThat(exchangeForm(server, "no-such-client", secret(Kind.WRONG_SECRET, "unknown"), AUDIENCE)).isEqualTo(401);

            // the Management API with a token, a forged token, and a write refused for its scope
            assertThat(server.api("GET", "/clients", null).status()).isEqualTo(200);
            assertThat(server.api("GET", "/clients", null, secret(Kind.WRONG_SECRET, "forged.token")).status()).isEqualTo(401);
            var reader = io.tokenhook.management.ApiTests.managementCaller(server, "reader", "read:clients");
            assertThat(server.api("POST", "/clients", Map.of("name", "refused", "client_secret", secret(Kind.CLIENT_SECRET, "refused")),
                    reader.token()).status()).isEqualTo(403);

            // the dashboard: a wrong password, the right one, a write, a test token, sign-out
            var dashboard = new DashboardSession(server);
            assertThat(dashboard.submitSignIn("admin", secret(Kind.DASHBOARD_PASSWORD, "wrong-password")).status()).isEqualTo(401);
            dashboard.signIn(password);
            assertThat(dashboard.api("POST", "/clients", Map.of("name", "from the dashboard")).status()).isEqualTo(201);
            var test = dashboard.api("POST", "/clients/" + id + "/test-token", Map.of("audience", AUDIENCE));
            assertThat(test.json().path("response").has("access_token")).isTrue();
            assertThat(dashboard.postForm("/logout", Map.of("csrf", dashboard.csrf)).status()).isEqualTo(303);

            // a key rotation; then every private key parameter of the tenant keys
            server.apiOk("POST", "/keys/signing/rotate", null, 201);
            registerPrivateKeys(server);
            server.awaitLog("type:sapi", e -> e.path("description").asText().equals("Rotate the signing keys"));

            assertThat(new HashSet<>(TestSecrets.all().values())).as("kinds of secret the scenario registered")
                    .contains(Kind.ADMIN_SECRET, Kind.CLIENT_SECRET, Kind.WRONG_SECRET,
                            Kind.HOOK_SECRET, Kind.SIGNING_SECRET, Kind.PRIVATE_KEY, Kind.DASHBOARD_PASSWORD, Kind.SESSION_ID,
                            Kind.ACCESS_TOKEN);
            var scanner = new SecretScanner(TestSecrets.all());
            var events = allEvents(server);
            assertThat(new HashSet<>(events.stream().map(e -> e.path("type").asText()).toList()))
                    .contains("sapi", "fapi", "seccft", "feccft", "hkcon");
            var leaks = new ArrayList<SecretScanner.Finding>();
            for (JsonNode e : events) leaks.addAll(scanner.scan(e.toString()));
            assertThat(leaks).as("secrets in the log events of the Logs API").isEmpty();
        }
        var captured = LogCapture.captured();
        var scanner = new SecretScanner(TestSecrets.all());
        assertThat(scanner.scan(captured.file())).as("secrets in what the servers logged").isEmpty();
        assertThat(java.nio.file.Files.readString(captured.file())).as("the access log is captured")
                .contains("tokenhook.access 127.0.0.1 POST /oauth/token 401").contains("tokenhook.access 127.0.0.1 POST /login 401");
    }

    /** The private parameters of every signing key (RSA and EC {@code d}, RSA's primes and exponents). */
    private static void registerPrivateKeys(TestServer server) throws Exception {
        try (var store = server.database().openStore()) {
            for (var key : store.read(StoreTx::signingKeys)) {
                JsonNode jwk = JSON.readTree(key.privateJwk());
                for (String param : List.of("d", "p", "q", "dp", "dq", "qi")) {
                    if (jwk.has(param)) TestSecrets.register(Kind.PRIVATE_KEY, jwk.get(param).asText());
                }
            }
        }
    }

    /** Every event of the server's log, through the Logs API, newest first. */
    private static List<JsonNode> allEvents(TestServer server) {
        var events = new ArrayList<JsonNode>();
        for (int page = 0; ; page++) {
            JsonNode batch = server.apiOk("GET", "/logs?per_page=100&page=" + page, null, 200);
            batch.forEach(events::add);
            if (batch.size() < 100) return events;
        }
    }

    @Test
    @Order(2)
    void noSecretOfTheWholeRunIsInAnyLogLineOrEventOfIt() {
        // canaries prove the scan finds a secret in clear and inside a Basic header
        String canary = secret(Kind.CANARY, "canary");
        String encodedCanary = secret(Kind.CANARY, "canary-encoded");
        SCAN_LOG.debug("secret scan canary {}", canary);
        SCAN_LOG.debug("secret scan canary {}", basic("some-client", encodedCanary));

        var captured = LogCapture.captured();
        var secrets = TestSecrets.all();
        var scanner = new SecretScanner(secrets);
        var findings = scanner.scan(captured.file());

        assertThat(captured.logLines()).as("log lines captured").isPositive();
        assertThat(captured.eventRows()).as("log events captured from closed servers").isPositive();
        assertThat(scanner.linesRead()).isGreaterThanOrEqualTo(captured.logLines() + captured.eventRows());
        assertThat(secrets.size()).as("secrets registered by the run").isGreaterThan(10);
        assertThat(findings.stream().filter(f -> f.kind() == Kind.CANARY).map(SecretScanner.Finding::encoding).toList())
                .as("canaries found").containsExactlyInAnyOrder("as is", "base64");
        var leaks = findings.stream().filter(f -> f.kind() != Kind.CANARY).toList();
        assertThat(leaks).as("secrets in the %d log lines and %d log events of this run (%d secrets, %d strings searched; see %s)",
                captured.logLines(), captured.eventRows(), secrets.size(), scanner.searchedStrings(), captured.file()).isEmpty();
    }
}
