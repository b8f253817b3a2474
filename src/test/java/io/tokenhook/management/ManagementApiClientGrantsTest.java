package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tokenhook.management.ApiTests.assertError;
import static io.tokenhook.management.ApiTests.enc;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v2/client-grants} end to end (spec 4.5). */
class ManagementApiClientGrantsTest {
    private static final String AUDIENCE = "https://grants-test.example/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.createApi(AUDIENCE, "read:a", "write:a", "delete:a");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newClient(String name) {
        return server.createApp(name).get("client_id").asText();
    }

    private static TestServer.Response post(String clientId, String audience, List<String> scope) {
        return server.api("POST", "/client-grants", Map.of("client_id", clientId, "audience", audience, "scope", scope));
    }

    @Test
    void createWhenValidThenCreatedWithAuth0Shape() {
        String clientId = newClient("Grantee");
        var r = post(clientId, AUDIENCE, List.of("read:a", "write:a"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode grant = r.json();
        assertThat(grant.get("id").asText()).matches("cgr_[A-Za-z0-9]{16}");
        assertThat(grant.get("client_id").asText()).isEqualTo(clientId);
        assertThat(grant.get("audience").asText()).isEqualTo(AUDIENCE);
        assertThat(grant.get("scope")).extracting(JsonNode::asText).containsExactly("read:a", "write:a");
        assertThat(server.apiOk("GET", "/client-grants/" + grant.get("id").asText(), null, 200)).isEqualTo(grant);
    }

    @Test
    void createWhenUnknownClientThenNotFound() {
        var body = assertError(post("noSuchClient0000000000000000000x", AUDIENCE, List.of("read:a")), 404, "inexistent_client");
        assertThat(body.get("message").asText()).isEqualTo("The client does not exist");
    }

    @Test
    void createWhenUnknownAudienceThenNotFound() {
        String clientId = newClient("Lost");
        assertError(post(clientId, "https://unknown.example/", List.of()), 404, "inexistent_resource_server");
        assertThat(server.apiOk("GET", "/client-grants?client_id=" + clientId, null, 200)).isEmpty();
    }

    @Test
    void createWhenDuplicateThenConflict() {
        String clientId = newClient("Twice");
        assertThat(post(clientId, AUDIENCE, List.of("read:a")).status()).isEqualTo(201);
        assertError(post(clientId, AUDIENCE, List.of("write:a")), 409, "client_grant_conflict");
        JsonNode grants = server.apiOk("GET", "/client-grants?client_id=" + clientId, null, 200);
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).get("scope")).extracting(JsonNode::asText).containsExactly("read:a");
    }

    @Test
    void createWhenScopeNotDefinedByApiThenBadRequest() {
        String clientId = newClient("Typo");
        var body = assertError(post(clientId, AUDIENCE, List.of("read:a", "raed:a")), 400, "invalid_body");
        assertThat(body.get("message").asText()).contains("raed:a").doesNotContain("read:a ");
        assertThat(server.apiOk("GET", "/client-grants?client_id=" + clientId, null, 200)).isEmpty();
    }

    @Test
    void createWhenInvalidBodyThenBadRequest() {
        String clientId = newClient("Invalid");
        for (String body : List.of("{\"client_id\":\"" + clientId + "\",\"audience\":\"" + AUDIENCE + "\"}",
                "{\"client_id\":\"" + clientId + "\",\"audience\":\"" + AUDIENCE + "\",\"scope\":\"read:a\"}",
                "{\"client_id\":\"" + clientId + "\",\"audience\":\"" + AUDIENCE + "\",\"scope\":[1]}",
                "{\"client_id\":\"" + clientId + "\",\"audience\":\"" + AUDIENCE + "\",\"scope\":[\"\"]}",
                "{\"client_id\":\"" + clientId + "\",\"audience\":\"" + AUDIENCE + "\",\"scope\":[],\"subject_type\":\"user\"}",
                "{\"client_id\":\"" + clientId + "\",\"audience\":\"" + AUDIENCE + "\",\"scope\":[],\"extra\":true}")) {
            assertError(server.api("POST", "/client-grants", body), 400, "invalid_body");
        }
        assertThat(server.apiOk("GET", "/client-grants?client_id=" + clientId, null, 200)).isEmpty();
    }

    @Test
    void listWhenFilteredByAudienceOrClientThenOnlyMatches() {
        String otherAudience = "https://grants-other.example/";
        server.createApi(otherAudience, "x");
        String clientId = newClient("Filtered");
        server.grant(clientId, AUDIENCE, "read:a");
        server.grant(clientId, otherAudience, "x");
        JsonNode byClient = server.apiOk("GET", "/client-grants?client_id=" + clientId, null, 200);
        assertThat(byClient.findValuesAsText("audience")).containsExactlyInAnyOrder(AUDIENCE, otherAudience);
        JsonNode byAudience = server.apiOk("GET", "/client-grants?per_page=100&audience=" + enc(otherAudience), null, 200);
        assertThat(byAudience.findValuesAsText("client_id")).containsExactly(clientId);
        JsonNode both = server.apiOk("GET", "/client-grants?client_id=" + clientId + "&audience=" + enc(AUDIENCE), null, 200);
        assertThat(both).hasSize(1);
        assertThat(both.get(0).get("audience").asText()).isEqualTo(AUDIENCE);
    }

    @Test
    void listWhenOffsetPagedWithTotalsThenAuth0Envelope() {
        String audience = "https://grants-paged.example/";
        server.createApi(audience, "p");
        var expected = new ArrayList<String>();
        for (int i = 0; i < 5; i++) expected.add(server.grant(newClient("Paged " + i), audience, "p").get("id").asText());
        var seen = new ArrayList<String>();
        for (int page = 0; page < 3; page++) {
            JsonNode body = server.apiOk("GET", "/client-grants?include_totals=true&per_page=2&page=" + page
                    + "&audience=" + enc(audience), null, 200);
            assertThat(body.get("start").asInt()).isEqualTo(page * 2);
            assertThat(body.get("limit").asInt()).isEqualTo(2);
            assertThat(body.get("total").asInt()).isEqualTo(5);
            assertThat(body.get("length").asInt()).isEqualTo(page < 2 ? 2 : 1);
            body.get("client_grants").forEach(g -> seen.add(g.get("id").asText()));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void listWhenCheckpointPagedThenEveryGrantOnceUntilNextIsAbsent() {
        String audience = "https://grants-checkpoint.example/";
        server.createApi(audience, "c");
        var expected = new ArrayList<String>();
        for (int i = 0; i < 5; i++) expected.add(server.grant(newClient("Checkpoint " + i), audience, "c").get("id").asText());
        var seen = new ArrayList<String>();
        String from = null;
        int calls = 0;
        do {
            JsonNode body = server.apiOk("GET", "/client-grants?take=2&audience=" + enc(audience)
                    + (from == null ? "" : "&from=" + from), null, 200);
            assertThat(body.get("client_grants").size()).isBetween(1, 2);
            body.get("client_grants").forEach(g -> seen.add(g.get("id").asText()));
            from = body.has("next") ? body.get("next").asText() : null;
            calls++;
        } while (from != null && calls < 10);
        assertThat(calls).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertError(server.api("GET", "/client-grants?take=2&from=cgr_unknown", null), 400, "invalid_query_string");
        assertError(server.api("GET", "/client-grants?take=101", null), 400, "invalid_query_string");
    }

    @Test
    void patchWhenScopeChangedThenTokensCarryNewScope() {
        var app = server.createApp("Patched");
        String clientId = app.get("client_id").asText();
        String secret = app.get("client_secret").asText();
        String id = server.grant(clientId, AUDIENCE, "read:a").get("id").asText();
        var before = server.tokenForm(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret, "audience", AUDIENCE));
        assertThat(before.json().get("scope").asText()).isEqualTo("read:a");

        JsonNode patched = server.apiOk("PATCH", "/client-grants/" + id, Map.of("scope", List.of("write:a", "delete:a")), 200);
        assertThat(patched.get("scope")).extracting(JsonNode::asText).containsExactly("write:a", "delete:a");
        assertThat(patched.get("client_id").asText()).isEqualTo(clientId);
        var after = server.tokenForm(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret, "audience", AUDIENCE));
        assertThat(after.json().get("scope").asText()).isEqualTo("write:a delete:a");
    }

    @Test
    void patchWhenInvalidThenBadRequestAndUnchanged() {
        String id = server.grant(newClient("Patch invalid"), AUDIENCE, "read:a").get("id").asText();
        assertError(server.api("PATCH", "/client-grants/" + id, Map.of("scope", List.of("nope:a"))), 400, "invalid_body");
        assertError(server.api("PATCH", "/client-grants/" + id, Map.of("audience", "https://x.example/")), 400, "invalid_body");
        assertError(server.api("PATCH", "/client-grants/" + id, "{\"scope\":null}"), 400, "invalid_body");
        assertThat(server.apiOk("GET", "/client-grants/" + id, null, 200).get("scope"))
                .extracting(JsonNode::asText).containsExactly("read:a");
        assertError(server.api("PATCH", "/client-grants/cgr_doesnotexist0000", Map.of("scope", List.of())), 404, "inexistent_client_grant");
    }

    @Test
    void patchOrDeleteWhenBootstrapAdminManagementGrantThenForbidden() {
        JsonNode grant = server.apiOk("GET", "/client-grants?client_id=" + TestServer.ADMIN_ID + "&audience="
                + enc(server.managementAudience()), null, 200).get(0);
        String path = "/client-grants/" + grant.get("id").asText();
        assertError(server.api("PATCH", path, Map.of("scope", List.of())), 403, "operation_not_supported");
        assertError(server.api("DELETE", path, null), 403, "operation_not_supported");
        assertThat(server.apiOk("GET", path, null, 200)).isEqualTo(grant);
        var token = server.tokenForm(Map.of("grant_type", "client_credentials", "client_id", TestServer.ADMIN_ID,
                "client_secret", TestServer.ADMIN_SECRET, "audience", server.managementAudience()));
        assertThat(token.json().get("scope").asText().split(" ")).contains("delete:client_grants", "read:logs");
    }

    @Test
    void deleteWhenExistingThenNoContentAndTokenRefused() {
        var app = server.createApp("Ungranted");
        String clientId = app.get("client_id").asText();
        String id = server.grant(clientId, AUDIENCE, "read:a").get("id").asText();
        var r = server.api("DELETE", "/client-grants/" + id, null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertError(server.api("GET", "/client-grants/" + id, null), 404, "inexistent_client_grant");
        assertError(server.api("DELETE", "/client-grants/" + id, null), 404, "inexistent_client_grant");
        var token = server.tokenForm(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", app.get("client_secret").asText(), "audience", AUDIENCE));
        assertThat(token.status()).isEqualTo(403);
        assertThat(token.json().get("error").asText()).isEqualTo("access_denied");
    }
}
