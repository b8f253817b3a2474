package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tokenhook.management.ApiTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v2/clients} end to end (spec 4.3). */
class ManagementApiClientsTest {
    private static final String AUDIENCE = "https://clients-test.example/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.createApi(AUDIENCE, "read:things");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode create(Object body) {
        return server.apiOk("POST", "/clients", body, 201);
    }

    private static TestServer.Response token(String clientId, String secret) {
        return server.tokenForm(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret, "audience", AUDIENCE));
    }

    private static JsonNode grantedApp(String name) {
        JsonNode app = server.createApp(name);
        server.grant(app.get("client_id").asText(), AUDIENCE, "read:things");
        return app;
    }

    @Test
    void createWhenNameHoldsCharactersBeyondTheBasicPlaneThenKeptAsSent() {
        // the check that refuses unpaired surrogates must keep real pairs, escaped or sent as four UTF-8 bytes
        String key = "\uD83D\uDD11";
        byte[] body = "{\"name\":\"\\ud83d\\udd11 and \uD83D\uDD11\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var r = ApiTests.raw(server, "POST", "/clients", "application/json", body);
        assertThat(r.status()).isEqualTo(201);
        String id = r.json().get("client_id").asText();
        assertThat(server.apiOk("GET", "/clients/" + id, null, 200).get("name").asText()).isEqualTo(key + " and " + key);
    }

    @Test
    void createWhenMinimalThenSecretShownOnceAndDefaults() {
        var r = server.api("POST", "/clients", Map.of("name", "Minimal"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode app = r.json();
        String id = app.get("client_id").asText();
        assertThat(id).matches("[A-Za-z0-9]{32}");
        assertThat(app.get("client_secret").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(app.get("grant_types")).extracting(JsonNode::asText).containsExactly("client_credentials");
        assertThat(app.get("token_endpoint_auth_method").asText()).isEqualTo("client_secret_post");
        assertThat(app.get("app_type").asText()).isEqualTo("non_interactive");
        assertThat(app.get("is_first_party").asBoolean()).isTrue();

        JsonNode fetched = server.apiOk("GET", "/clients/" + id, null, 200);
        assertThat(fetched.has("client_secret")).isFalse();
        assertThat(fetched.get("name").asText()).isEqualTo("Minimal");
        JsonNode list = server.apiOk("GET", "/clients?per_page=100", null, 200);
        assertThat(list.findValues("client_secret")).isEmpty();
        assertThat(list.findValuesAsText("client_id")).contains(id);
    }

    @Test
    void createWhenSecretUsedAtTokenEndpointThenTokenIssued() {
        JsonNode app = grantedApp("Token user");
        var r = token(app.get("client_id").asText(), app.get("client_secret").asText());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("scope").asText()).isEqualTo("read:things");
        assertThat(token(app.get("client_id").asText(), "wrong-secret").status()).isEqualTo(401);
    }

    @Test
    void createWhenCustomSecretThenItAuthenticates() {
        String secret = "a-custom-secret-of-sufficient-length";
        JsonNode app = create(Map.of("name", "Custom secret", "client_secret", secret));
        assertThat(app.get("client_secret").asText()).isEqualTo(secret);
        server.grant(app.get("client_id").asText(), AUDIENCE, "read:things");
        assertThat(token(app.get("client_id").asText(), secret).status()).isEqualTo(200);
    }

    @Test
    void createWhenTenMetadataKeysThenStored() {
        var metadata = new LinkedHashMap<String, String>();
        for (int i = 0; i < 10; i++) metadata.put("key_" + i, "v".repeat(255));
        JsonNode app = create(Map.of("name", "Meta", "client_metadata", metadata));
        JsonNode fetched = server.apiOk("GET", "/clients/" + app.get("client_id").asText(), null, 200);
        assertThat(fetched.get("client_metadata").size()).isEqualTo(10);
        assertThat(fetched.get("client_metadata").get("key_9").asText()).hasSize(255);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{}",
            "{\"name\":\"\"}",
            "{\"name\":7}",
            "{\"name\":\"a<b\"}",
            "{\"name\":\"x\",\"color\":\"blue\"}",
            "{\"name\":\"x\",\"client_id\":\"not/an id\"}",
            "{\"name\":\"x\",\"client_metadata\":{\"a\":1}}",
            "{\"name\":\"x\",\"client_metadata\":{\"a\":null}}",
            "{\"name\":\"x\",\"client_metadata\":[\"a\"]}",
            "{\"name\":\"x\",\"client_metadata\":{\"k0\":\"v\",\"k1\":\"v\",\"k2\":\"v\",\"k3\":\"v\",\"k4\":\"v\",\"k5\":\"v\",\"k6\":\"v\",\"k7\":\"v\",\"k8\":\"v\",\"k9\":\"v\",\"k10\":\"v\"}}",
            "{\"name\":\"x\",\"client_metadata\":{\"bad key\":\"v\"}}",
            "{\"name\":\"x\",\"grant_types\":[\"magic\"]}",
            "{\"name\":\"x\",\"grant_types\":\"client_credentials\"}",
            "{\"name\":\"x\",\"app_type\":\"mainframe\"}",
            "{\"name\":\"x\",\"token_endpoint_auth_method\":\"private_key_jwt\"}",
            "{\"name\":\"x\",\"is_first_party\":\"yes\"}",
            "{\"name\":\"x\",\"client_secret\":\"too-short\"}",
            "{\"name\":\"x\",\"description\":\"0123456789012345678901234567890123456789012345678901234567890123456789"
                    + "01234567890123456789012345678901234567890123456789012345678901234567890\"}"})
    void createWhenInvalidThenBadRequestAndNothingCreated(String body) {
        int before = server.apiOk("GET", "/clients?per_page=100", null, 200).size();
        var error = assertError(server.api("POST", "/clients", body), 400, "invalid_body");
        assertThat(error.get("message").asText()).startsWith("Payload validation error");
        assertThat(server.apiOk("GET", "/clients?per_page=100", null, 200).size()).isEqualTo(before);
    }

    @Test
    void createWhenMetadataValueTooLongThenMessageNamesIt() {
        var error = assertError(server.api("POST", "/clients", Map.of("name", "x", "client_metadata", Map.of("long", "v".repeat(256)))),
                400, "invalid_body");
        assertThat(error.get("message").asText()).contains("client_metadata.long").contains("256");
    }

    @Test
    void createWhenUnknownFieldThenMessageNamesIt() {
        var error = assertError(server.api("POST", "/clients", Map.of("name", "x", "colour", "red")), 400, "invalid_body");
        assertThat(error.get("message").asText()).contains("colour");
    }

    @Test
    void listWhenPagedWithTotalsThenAuth0Envelope() {
        for (int i = 0; i < 3; i++) create(Map.of("name", "Paged " + i));
        JsonNode all = server.apiOk("GET", "/clients?per_page=100", null, 200);
        JsonNode page1 = server.apiOk("GET", "/clients?page=1&per_page=2&include_totals=true", null, 200);
        assertThat(page1.get("start").asInt()).isEqualTo(2);
        assertThat(page1.get("limit").asInt()).isEqualTo(2);
        assertThat(page1.get("length").asInt()).isEqualTo(2);
        assertThat(page1.get("total").asInt()).isEqualTo(all.size());
        assertThat(page1.get("clients").findValuesAsText("client_id"))
                .containsExactly(all.get(2).get("client_id").asText(), all.get(3).get("client_id").asText());
        JsonNode beyond = server.apiOk("GET", "/clients?page=50&per_page=2", null, 200);
        assertThat(beyond.isArray()).isTrue();
        assertThat(beyond).isEmpty();
    }

    @Test
    void listWhenFieldsGivenThenOnlyThoseOrAllButThose() {
        create(Map.of("name", "Fields"));
        JsonNode included = server.apiOk("GET", "/clients?fields=client_id,name&include_fields=true", null, 200);
        assertThat(included).isNotEmpty();
        included.forEach(c -> assertThat(c.fieldNames()).toIterable().containsExactlyInAnyOrder("client_id", "name"));
        JsonNode excluded = server.apiOk("GET", "/clients?fields=client_metadata,grant_types&include_fields=false", null, 200);
        excluded.forEach(c -> {
            assertThat(c.has("client_metadata")).isFalse();
            assertThat(c.has("grant_types")).isFalse();
            assertThat(c.has("client_id")).isTrue();
        });
        JsonNode one = server.apiOk("GET", "/clients/" + TestServer.ADMIN_ID + "?fields=name", null, 200);
        assertThat(one.fieldNames()).toIterable().containsExactly("name");
    }

    @Test
    void listWhenAppTypeOrFirstPartyFilterThenOnlyMatches() {
        String spa = create(Map.of("name", "A SPA", "app_type", "spa")).get("client_id").asText();
        String thirdParty = create(Map.of("name", "Third", "is_first_party", false)).get("client_id").asText();
        JsonNode spas = server.apiOk("GET", "/clients?app_type=spa", null, 200);
        assertThat(spas.findValuesAsText("client_id")).containsExactly(spa);
        JsonNode both = server.apiOk("GET", "/clients?app_type=spa,non_interactive&per_page=100", null, 200);
        assertThat(both.findValuesAsText("client_id")).contains(spa, thirdParty, TestServer.ADMIN_ID);
        JsonNode third = server.apiOk("GET", "/clients?is_first_party=false", null, 200);
        assertThat(third.findValuesAsText("client_id")).containsExactly(thirdParty);
        JsonNode first = server.apiOk("GET", "/clients?is_first_party=true&per_page=100", null, 200);
        assertThat(first.findValuesAsText("client_id")).contains(spa).doesNotContain(thirdParty);
        assertError(server.api("GET", "/clients?is_first_party=maybe", null), 400, "invalid_query_string");
    }

    @Test
    void patchWhenFieldsGivenThenUpdatedAndSecretUnchanged() {
        JsonNode app = grantedApp("Before");
        String id = app.get("client_id").asText();
        JsonNode patched = server.apiOk("PATCH", "/clients/" + id, Map.of("name", "After", "description", "now described",
                "client_metadata", Map.of("tier", "gold")), 200);
        assertThat(patched.get("name").asText()).isEqualTo("After");
        assertThat(patched.get("description").asText()).isEqualTo("now described");
        assertThat(patched.get("client_metadata").get("tier").asText()).isEqualTo("gold");
        assertThat(patched.has("client_secret")).isFalse();
        assertThat(server.apiOk("GET", "/clients/" + id, null, 200)).isEqualTo(patched);
        assertThat(token(id, app.get("client_secret").asText()).status()).isEqualTo(200);
    }

    @Test
    void patchWhenNameNullThenBadRequest() {
        String id = create(Map.of("name", "Keeps its name")).get("client_id").asText();
        assertError(server.api("PATCH", "/clients/" + id, "{\"name\":null}"), 400, "invalid_body");
        assertThat(server.apiOk("GET", "/clients/" + id, null, 200).get("name").asText()).isEqualTo("Keeps its name");
    }

    @Test
    void patchWhenGrantTypeRemovedThenTokenRefused() {
        JsonNode app = grantedApp("No cc");
        String id = app.get("client_id").asText();
        server.apiOk("PATCH", "/clients/" + id, Map.of("grant_types", List.of("authorization_code")), 200);
        var r = token(id, app.get("client_secret").asText());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void deleteWhenExistingThenNoContentAndGrantsGone() {
        JsonNode app = grantedApp("Doomed");
        String id = app.get("client_id").asText();
        assertThat(server.apiOk("GET", "/client-grants?client_id=" + id, null, 200)).hasSize(1);
        var r = server.api("DELETE", "/clients/" + id, null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertError(server.api("GET", "/clients/" + id, null), 404, "inexistent_client");
        assertThat(server.apiOk("GET", "/client-grants?client_id=" + id, null, 200)).isEmpty();
        assertThat(token(id, app.get("client_secret").asText()).status()).isEqualTo(401);
    }

    @Test
    void deleteWhenBootstrapAdminThenForbidden() {
        assertError(server.api("DELETE", "/clients/" + TestServer.ADMIN_ID, null), 403, "operation_not_supported");
        assertThat(server.apiOk("GET", "/clients/" + TestServer.ADMIN_ID, null, 200).get("client_id").asText())
                .isEqualTo(TestServer.ADMIN_ID);
        assertThat(server.accessToken(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET, server.managementAudience())).isNotBlank();
    }

    @Test
    void patchWhenBootstrapAdminWouldLoseClientCredentialsThenForbidden() {
        String admin = "/clients/" + TestServer.ADMIN_ID;
        assertError(server.api("PATCH", admin, Map.of("grant_types", List.of("authorization_code"))), 403, "operation_not_supported");
        assertError(server.api("PATCH", admin, Map.of("token_endpoint_auth_method", "none")), 403, "operation_not_supported");
        assertThat(server.apiOk("PATCH", admin, Map.of("description", "still editable"), 200).get("description").asText())
                .isEqualTo("still editable");
        assertThat(server.apiOk("GET", admin, null, 200).get("grant_types")).extracting(JsonNode::asText).contains("client_credentials");
        assertThat(server.accessToken(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET, server.managementAudience())).isNotBlank();
    }

    @Test
    void rotateSecretWhenCalledThenOldSecretFailsAndNewWorks() {
        JsonNode app = grantedApp("Rotating");
        String id = app.get("client_id").asText();
        String old = app.get("client_secret").asText();
        JsonNode rotated = server.apiOk("POST", "/clients/" + id + "/rotate-secret", null, 200);
        String fresh = rotated.get("client_secret").asText();
        assertThat(fresh).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(old);
        assertThat(rotated.get("client_id").asText()).isEqualTo(id);
        var refused = token(id, old);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(token(id, fresh).status()).isEqualTo(200);
        assertThat(server.apiOk("GET", "/clients/" + id, null, 200).has("client_secret")).isFalse();
    }

    @Test
    void anyWhenUnknownClientThenNotFound() {
        String unknown = "/clients/doesNotExist000000000000000000000";
        assertError(server.api("GET", unknown, null), 404, "inexistent_client");
        assertError(server.api("PATCH", unknown, Map.of("name", "x")), 404, "inexistent_client");
        assertError(server.api("DELETE", unknown, null), 404, "inexistent_client");
        var body = assertError(server.api("POST", unknown + "/rotate-secret", null), 404, "inexistent_client");
        assertThat(body.get("message").asText()).isEqualTo("The client does not exist");
    }
}
