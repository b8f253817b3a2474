package io.tokenhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.management.ApiTests;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.tokenhook.management.ApiTests.assertError;
import static io.tokenhook.management.ApiTests.awaitLogs;
import static io.tokenhook.management.ApiTests.enc;
import static io.tokenhook.management.ApiTests.logs;
import static org.assertj.core.api.Assertions.assertThat;

/** The tenant log: what token exchanges and Management API writes record, and {@code GET /api/v2/logs} (spec 4.6). */
class LogsApiTest {
    private static final String AUDIENCE = "https://logs-test.example/";
    private static final String USER_AGENT = "logs-test-agent/1.0";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.createApi(AUDIENCE, "read:a", "write:a");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.App newApp(String name) {
        JsonNode app = server.createApp(name);
        String id = app.get("client_id").asText();
        server.grant(id, AUDIENCE, "read:a");
        return new TestServer.App(id, app.get("client_secret").asText());
    }

    private static TestServer.Response exchange(String clientId, String secret, String scope) {
        var params = TestServer.params("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
                "audience", AUDIENCE);
        if (scope != null) params.put("scope", scope);
        return server.send(server.request("/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", USER_AGENT).POST(HttpRequest.BodyPublishers.ofString(TestServer.form(params))));
    }

    /** An app with {@code successes} successful and {@code failures} failed exchanges, all already in the log. */
    private static TestServer.App appWithEvents(String name, int successes, int failures) {
        var app = newApp(name);
        for (int i = 0; i < successes; i++) assertThat(exchange(app.clientId(), app.clientSecret(), null).status()).isEqualTo(200);
        for (int i = 0; i < failures; i++) assertThat(exchange(app.clientId(), "wrong", null).status()).isEqualTo(401);
        awaitLogs(server, "client_id:" + app.clientId(), successes + failures);
        return app;
    }

    private static List<String> ids(JsonNode logs) {
        var ids = new ArrayList<String>();
        logs.forEach(e -> ids.add(e.get("log_id").asText()));
        return ids;
    }

    @Test
    void exchangeWhenSuccessfulThenSeccftWithEverythingAuth0Logs() throws Exception {
        var app = newApp("Seccft app");
        var r = exchange(app.clientId(), app.clientSecret(), "read:a");
        assertThat(r.status()).isEqualTo(200);
        String jti = SignedJWT.parse(r.json().get("access_token").asText()).getJWTClaimsSet().getJWTID();

        JsonNode e = awaitLogs(server, "type:seccft AND client_id:" + app.clientId(), 1).get(0);
        assertThat(e.get("type").asText()).isEqualTo("seccft");
        assertThat(e.get("description").asText()).isEqualTo("Client Credentials for Access Token");
        assertThat(e.get("client_id").asText()).isEqualTo(app.clientId());
        assertThat(e.get("client_name").asText()).isEqualTo("Seccft app");
        assertThat(e.get("audience").asText()).isEqualTo(AUDIENCE);
        assertThat(e.get("scope").asText()).isEqualTo("read:a");
        assertThat(e.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(e.get("user_agent").asText()).isEqualTo(USER_AGENT);
        assertThat(e.get("log_id").asText()).matches("[0-9]{24}");
        assertThat(e.get("_id").asText()).isEqualTo(e.get("log_id").asText());
        assertThat(e.get("details").get("access_token_jti").asText()).isEqualTo(jti);
        assertThat(Duration.between(Instant.parse(e.get("date").asText()), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    private static TestServer.Response exchangeWithSdkHeader(TestServer.App app, String secret, String auth0Client) {
        var params = TestServer.params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret", secret,
                "audience", AUDIENCE);
        return server.send(server.request("/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Auth0-Client", auth0Client).POST(HttpRequest.BodyPublishers.ofString(TestServer.form(params))));
    }

    @Test
    void exchangeWhenAuth0SdkTelemetryHeaderThenItsNameAndVersionAreLoggedAndABadOneIsIgnored() {
        var app = newApp("Telemetry app");
        // node-auth0 sends standard base64, the Java SDK URL-safe base64, of the same JSON shape
        String node = Base64.getEncoder().encodeToString(
                "{\"name\":\"node-auth0\",\"version\":\"4.37.1\",\"env\":{\"node\":\"20.20.2\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(exchangeWithSdkHeader(app, app.clientSecret(), node).status()).isEqualTo(200);
        String java = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"name\":\"auth0-java\",\"version\":\"2.27.0\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(exchangeWithSdkHeader(app, "wrong", java).status()).isEqualTo(401);
        for (String unreadable : List.of("not base64 at all!", Base64.getEncoder().encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8)),
                "x".repeat(5000))) {
            assertThat(exchangeWithSdkHeader(app, app.clientSecret(), unreadable).status()).isEqualTo(200);
        }

        var events = awaitLogs(server, "client_id:" + app.clientId(), 5);
        var sdks = new ArrayList<String>();
        events.forEach(e -> {
            JsonNode sdk = e.path("details").path("auth0_client");
            sdks.add(e.get("type").asText() + " " + (sdk.isMissingNode() ? "-" : sdk.get("name").asText() + "/" + sdk.get("version").asText()));
        });
        assertThat(sdks).containsExactlyInAnyOrder("seccft node-auth0/4.37.1", "feccft auth0-java/2.27.0",
                "seccft -", "seccft -", "seccft -");
    }

    @Test
    void exchangeWhenClientIdOverflowsItsColumnOrHoldsNulThenLoggedAndLaterEventsToo() {
        // what a client sends reaches the log: it must fit every store's columns (client_id holds 64 characters,
        // PostgreSQL no NUL), or the database refuses the whole batch and every event after it waits
        var params = TestServer.params("grant_type", "client_credentials", "client_id", "L".repeat(200), "client_secret", "x",
                "audience", "aud\u0000ience");
        assertThat(server.tokenForm(params).status()).isEqualTo(401);
        appWithEvents("Logged after a long client id", 1, 0);

        JsonNode event = awaitLogs(server, "type:feccft AND client_id:" + "L".repeat(64), 1).get(0);
        assertThat(event.get("audience").asText()).isEqualTo("aud\uFFFDience");
    }

    @Test
    void exchangeWhenFailedThenFeccftWithErrorDescription() {
        var app = newApp("Feccft app");
        assertThat(exchange(app.clientId(), "not-the-secret", null).status()).isEqualTo(401);
        assertThat(exchange(app.clientId(), app.clientSecret(), "write:a").status()).isEqualTo(403);

        JsonNode events = awaitLogs(server, "type:feccft AND client_id:" + app.clientId(), 2);
        JsonNode badSecret = events.get(1);
        JsonNode notGranted = events.get(0);
        assertThat(badSecret.get("description").asText()).isEqualTo("Client authentication failed");
        assertThat(badSecret.get("details").get("error").asText()).isEqualTo("invalid_client");
        assertThat(badSecret.get("audience").asText()).isEqualTo(AUDIENCE);
        assertThat(badSecret.get("user_agent").asText()).isEqualTo(USER_AGENT);
        assertThat(notGranted.get("description").asText()).isEqualTo("Client has not been granted scopes: write:a");
        assertThat(notGranted.get("details").get("error").asText()).isEqualTo("access_denied");
        assertThat(notGranted.get("client_name").asText()).isEqualTo("Feccft app");
        assertThat(logs(server, "q=" + enc("type:seccft AND client_id:" + app.clientId()))).isEmpty();
    }

    @Test
    void managementWriteWhenDoneThenSapiNamesTheCaller() {
        var caller = ApiTests.managementCaller(server, "Log writer", ApiTests.ALL_SCOPES.toArray(String[]::new));
        String api = "https://logs-sapi.example/";
        call(caller, "POST", "/clients", Map.of("name", "refused", "bogus", 1), 400);   // refused: fapi, not sapi
        call(caller, "POST", "/resource-servers", Map.of("identifier", api, "scopes", List.of(Map.of("value", "s"))), 201);
        call(caller, "PATCH", "/resource-servers/" + enc(api), Map.of("name", "renamed"), 200);
        String clientId = call(caller, "POST", "/clients", Map.of("name", "made by caller"), 201).get("client_id").asText();
        call(caller, "PATCH", "/clients/" + clientId, Map.of("description", "d", "client_metadata", Map.of("k", "v")), 200);
        call(caller, "POST", "/clients/" + clientId + "/rotate-secret", null, 200);
        String grantId = call(caller, "POST", "/client-grants", Map.of("client_id", clientId, "audience", api, "scope", List.of("s")), 201)
                .get("id").asText();
        call(caller, "PATCH", "/client-grants/" + grantId, Map.of("scope", List.of()), 200);
        call(caller, "GET", "/clients/" + clientId, null, 200);
        call(caller, "DELETE", "/client-grants/" + grantId, null, 204);
        call(caller, "DELETE", "/clients/" + clientId, null, 204);
        call(caller, "DELETE", "/resource-servers/" + enc(api), null, 204);

        JsonNode events = awaitLogs(server, "type:sapi AND client_id:" + caller.clientId(), 10);
        assertThat(events).hasSize(10);
        String apiId = server.awaitLog("type:sapi AND client_id:" + caller.clientId(),
                e -> e.path("description").asText().equals("Create a resource server")).get("details").get("target").get("id").asText();
        var calls = new ArrayList<String>();
        var changes = new ArrayList<String>();
        for (int i = events.size() - 1; i >= 0; i--) {
            JsonNode e = events.get(i);
            JsonNode d = e.get("details");
            assertThat(d.get("actor").asText()).isEqualTo(caller.clientId());
            assertThat(e.get("ip").asText()).isEqualTo("127.0.0.1");
            String path = d.get("request").get("path").asText();
            calls.add(d.get("request").get("method").asText() + " " + path.replace(clientId, "{client}")
                    .replace(grantId, "{grant}").replace(enc(api), "{api}").replace(api, "{api}"));
            changes.add(d.get("operation").asText() + " " + d.get("target").get("type").asText() + " "
                    + d.get("target").get("id").asText().replace(clientId, "{client}").replace(grantId, "{grant}").replace(apiId, "{api}"));
        }
        assertThat(calls).containsExactly("POST /api/v2/resource-servers", "PATCH /api/v2/resource-servers/{api}",
                "POST /api/v2/clients", "PATCH /api/v2/clients/{client}", "POST /api/v2/clients/{client}/rotate-secret",
                "POST /api/v2/client-grants", "PATCH /api/v2/client-grants/{grant}", "DELETE /api/v2/client-grants/{grant}",
                "DELETE /api/v2/clients/{client}", "DELETE /api/v2/resource-servers/{api}");
        // the API is named by its identifier in the paths, by its id in the targets
        assertThat(changes).containsExactly("create resource_server {api}", "update resource_server {api}",
                "create client {client}", "update client {client}", "rotate_secret client {client}", "create client_grant {grant}",
                "update client_grant {grant}", "delete client_grant {grant}", "delete client {client}", "delete resource_server {api}");
        assertThat(events.get(9).get("description").asText()).isEqualTo("Create a resource server");
        // the names of the fields a request set, never their values
        assertThat(events.get(6).get("details").get("fields").toString()).isEqualTo("[\"client_metadata\",\"description\"]");
        assertThat(events.get(6).toString()).doesNotContain("\"v\"");
    }

    private static JsonNode call(ApiTests.Caller caller, String method, String path, Object body, int expected) {
        var r = server.api(method, path, body, caller.token());
        assertThat(r.status()).as("%s %s: %s", method, path, r.text()).isEqualTo(expected);
        return r.text().isEmpty() ? null : r.json();
    }

    @Test
    void listWhenDefaultSortThenNewestFirstAndDateOneReverses() {
        var app = appWithEvents("Sorted", 3, 1);
        String q = "&q=" + enc("client_id:" + app.clientId());
        List<String> newest = ids(logs(server, "per_page=100" + q));
        List<String> oldest = ids(logs(server, "per_page=100&sort=date:1" + q));
        assertThat(newest).hasSize(4).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(oldest).isSorted().containsExactlyElementsOf(newest.reversed());
        assertThat(ids(logs(server, "per_page=100&sort=" + enc("date:-1") + q))).isEqualTo(newest);
        assertThat(ids(logs(server, "per_page=100"))).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void listWhenPerPageOverHundredThenBadQuery() {
        appWithEvents("Many", 2, 0);
        assertThat(logs(server, "per_page=100").size()).isBetween(2, 100);
        assertError(server.api("GET", "/logs?per_page=101", null), 400, "invalid_query_string");
        assertError(server.api("GET", "/logs?sort=name:1", null), 400, "invalid_query_string");
        assertError(server.api("GET", "/logs?take=101", null), 400, "invalid_query_string");
    }

    @Test
    void listWhenIncludeTotalsThenAuth0Shape() {
        var app = appWithEvents("Totals", 3, 2);
        JsonNode body = logs(server, "include_totals=true&page=1&per_page=2&q=" + enc("client_id:" + app.clientId()));
        assertThat(body.fieldNames()).toIterable().containsExactly("start", "limit", "length", "total", "logs");
        assertThat(body.get("start").asInt()).isEqualTo(2);
        assertThat(body.get("limit").asInt()).isEqualTo(2);
        assertThat(body.get("length").asInt()).isEqualTo(2);
        assertThat(body.get("total").asInt()).isEqualTo(5);
        List<String> all = ids(logs(server, "q=" + enc("client_id:" + app.clientId())));
        assertThat(ids(body.get("logs"))).containsExactlyElementsOf(all.subList(2, 4));
    }

    @Test
    void listWhenQueryByTypeOrClientThenOnlyMatches() {
        var app = appWithEvents("Typed", 2, 1);
        String client = " AND client_id:" + app.clientId();
        assertThat(logs(server, "q=" + enc("type:seccft" + client)).findValuesAsText("type")).containsExactly("seccft", "seccft");
        assertThat(logs(server, "q=" + enc("type:feccft" + client)).findValuesAsText("type")).containsExactly("feccft");
        assertThat(logs(server, "q=" + enc("type:(seccft OR feccft)" + client)).findValuesAsText("type"))
                .containsExactlyInAnyOrder("seccft", "seccft", "feccft");
        JsonNode all = logs(server, "per_page=100&q=" + enc("type:(seccft OR feccft)"));
        assertThat(all.findValuesAsText("type")).contains("seccft", "feccft").allMatch(t -> t.equals("seccft") || t.equals("feccft"));
        assertThat(logs(server, "per_page=100&q=" + enc("client_id:" + app.clientId())).findValuesAsText("client_id"))
                .hasSize(3).containsOnly(app.clientId());
        assertThat(logs(server, "search=" + enc("type:feccft" + client)).findValuesAsText("type")).containsExactly("feccft");
    }

    @Test
    void listWhenLogIdRangeLikeCliTailThenFromThatIdOn() {
        var app = appWithEvents("Tailed", 4, 0);
        List<String> all = ids(logs(server, "q=" + enc("client_id:" + app.clientId())));
        String last = all.get(2);   // the second oldest
        JsonNode tail = logs(server, "page=0&per_page=100&sort=date:-1&q=" + enc("log_id:[" + last + " TO *] AND client_id:" + app.clientId()));
        assertThat(ids(tail)).containsExactlyElementsOf(all.subList(0, 3));
        JsonNode exclusive = logs(server, "q=" + enc("log_id:{" + last + " TO *} AND client_id:" + app.clientId()));
        assertThat(ids(exclusive)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids(logs(server, "q=" + enc("log_id:" + last)))).containsExactly(last);
    }

    @Test
    void listWhenCheckpointFromTakeThenAscendingAfterFrom() {
        var app = appWithEvents("Checkpoint", 5, 0);
        String q = "&q=" + enc("client_id:" + app.clientId());
        List<String> ascending = ids(logs(server, "sort=date:1" + q));
        JsonNode page = logs(server, "take=2&from=" + ascending.get(1) + q);
        assertThat(page.isArray()).isTrue();
        assertThat(ids(page)).containsExactly(ascending.get(2), ascending.get(3));
        assertThat(ids(logs(server, "take=10&from=" + ascending.get(3) + q))).containsExactly(ascending.get(4));
        assertThat(ids(logs(server, "take=10&from=" + ascending.get(4) + q))).isEmpty();
    }

    @Test
    void getWhenKnownThenSameEventElseNotFound() {
        var app = appWithEvents("Single", 1, 0);
        JsonNode listed = logs(server, "q=" + enc("client_id:" + app.clientId())).get(0);
        assertThat(server.apiOk("GET", "/logs/" + listed.get("log_id").asText(), null, 200)).isEqualTo(listed);
        var body = assertError(server.api("GET", "/logs/000000000000000000000000", null), 404, "inexistent_log");
        assertThat(body.get("message").asText()).isEqualTo("The log does not exist");
    }

    @Test
    void listWhenFieldsGivenThenProjected() {
        var app = appWithEvents("Projected", 1, 0);
        String q = "&q=" + enc("client_id:" + app.clientId());
        JsonNode only = logs(server, "fields=log_id,type&include_fields=true" + q).get(0);
        assertThat(only.fieldNames()).toIterable().containsExactlyInAnyOrder("log_id", "type");
        JsonNode without = logs(server, "fields=details,ip&include_fields=false" + q).get(0);
        assertThat(without.has("details")).isFalse();
        assertThat(without.has("ip")).isFalse();
        assertThat(without.get("client_id").asText()).isEqualTo(app.clientId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo:bar", "type:(", "type:", "type:[a TO b]", "client_id:(a OR b)", "log_id:[1 TO", "just words",
            "type:seccft AND"})
    void listWhenBadQueryThenInvalidQueryString(String q) {
        var body = assertError(server.api("GET", "/logs?q=" + enc(q), null), 400, "invalid_query_string");
        assertThat(body.get("message").asText()).contains("property q");
    }

    @Test
    void listWhenCallerLacksReadLogsThenForbidden() {
        var reader = ApiTests.managementCaller(server, "No logs", "read:clients");
        var body = assertError(server.api("GET", "/logs", null, reader.token()), 403, "insufficient_scope");
        assertThat(body.get("message").asText()).isEqualTo("Insufficient scope, expected any of: read:logs");
        assertError(server.api("GET", "/logs/000000000000000000000000", null, reader.token()), 403, "insufficient_scope");
        var logReader = ApiTests.managementCaller(server, "Logs only", "read:logs");
        assertThat(server.api("GET", "/logs", null, logReader.token()).status()).isEqualTo(200);
    }
}
