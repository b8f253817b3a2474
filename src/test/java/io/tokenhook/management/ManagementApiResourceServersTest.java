package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tokenhook.management.ApiTests.assertError;
import static io.tokenhook.management.ApiTests.enc;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v2/resource-servers} end to end (spec 4.4). */
class ManagementApiResourceServersTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode create(Object body) {
        return server.apiOk("POST", "/resource-servers", body, 201);
    }

    @Test
    void createWhenMinimalThenAuth0ShapeWithDefaults() {
        var r = server.api("POST", "/resource-servers", Map.of("identifier", "https://rs-min.example/"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Content-Type").replace(" ", "")).isEqualTo("application/json;charset=utf-8");
        JsonNode api = r.json();
        assertThat(api.get("id").asText()).matches("[0-9a-f]{24}");
        assertThat(api.get("identifier").asText()).isEqualTo("https://rs-min.example/");
        assertThat(api.get("name").asText()).isEqualTo("https://rs-min.example/");
        assertThat(api.get("token_lifetime").asInt()).isEqualTo(86400);
        assertThat(api.get("signing_alg").asText()).isEqualTo("RS256");
        assertThat(api.get("scopes").isArray()).isTrue();
        assertThat(api.get("scopes")).isEmpty();
        assertThat(api.has("signing_secret")).isFalse();
        assertThat(api.has("is_system")).isFalse();
        assertThat(api.get("token_dialect").asText()).isEqualTo("access_token");
        assertThat(api.get("allow_offline_access").asBoolean()).isFalse();
    }

    @Test
    void createWhenHs256ThenSigningSecretIsGenerated() {
        JsonNode api = create(Map.of("identifier", "https://rs-hs.example", "signing_alg", "HS256"));
        assertThat(api.get("signing_alg").asText()).isEqualTo("HS256");
        assertThat(api.get("signing_secret").asText()).hasSizeGreaterThanOrEqualTo(32);
        JsonNode other = create(Map.of("identifier", "https://rs-hs2.example", "signing_alg", "HS256"));
        assertThat(other.get("signing_secret").asText()).isNotEqualTo(api.get("signing_secret").asText());
    }

    @Test
    void createWhenCustomLifetimeThenTokensUseIt() {
        var app = server.appWithGrant("https://rs-life.example", List.of("read:x"), List.of("read:x"));
        server.apiOk("PATCH", "/resource-servers/" + enc("https://rs-life.example"), Map.of("token_lifetime", 600), 200);
        JsonNode api = create(Map.of("identifier", "https://rs-life2.example", "token_lifetime", 3600));
        assertThat(api.get("token_lifetime").asInt()).isEqualTo(3600);
        var r = server.tokenForm(Map.of("grant_type", "client_credentials", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "audience", "https://rs-life.example"));
        assertThat(r.json().get("expires_in").asInt()).isEqualTo(600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "PS256", "RS256", "EdDSA"})
    void createWhenAsymmetricAlgThenTokensAreSignedWithIt(String alg) throws Exception {
        String audience = "https://rs-" + alg.toLowerCase() + ".example";
        JsonNode api = create(Map.of("identifier", audience, "signing_alg", alg, "scopes", List.of(Map.of("value", "do:it"))));
        assertThat(api.get("signing_alg").asText()).isEqualTo(alg);
        var app = server.createApp("app " + alg);
        server.grant(app.get("client_id").asText(), audience, "do:it");
        String token = server.accessToken(app.get("client_id").asText(), app.get("client_secret").asText(), audience);
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm().getName()).isEqualTo(alg);
    }

    @Test
    void getWhenByIdOrEncodedIdentifierThenSameApi() {
        JsonNode api = create(Map.of("identifier", "https://rs-get.example/v1?x=1", "name", "Get me",
                "scopes", List.of(Map.of("value", "read:a", "description", "Read A"))));
        JsonNode byId = server.apiOk("GET", "/resource-servers/" + api.get("id").asText(), null, 200);
        JsonNode byIdentifier = server.apiOk("GET", "/resource-servers/" + enc("https://rs-get.example/v1?x=1"), null, 200);
        assertThat(byId).isEqualTo(api);
        assertThat(byIdentifier).isEqualTo(api);
        assertThat(byId.get("scopes").get(0).get("description").asText()).isEqualTo("Read A");
    }

    @Test
    void getWhenUnknownThenNotFound() {
        assertError(server.api("GET", "/resource-servers/0123456789abcdef01234567", null), 404, "inexistent_resource_server");
        assertError(server.api("GET", "/resource-servers/" + enc("https://nope.example"), null), 404, "inexistent_resource_server");
    }

    @Test
    void listWhenPagedWithTotalsThenAuth0Envelope() {
        for (int i = 0; i < 3; i++) create(Map.of("identifier", "https://rs-page" + i + ".example"));
        JsonNode all = server.apiOk("GET", "/resource-servers?per_page=100", null, 200);
        assertThat(all.isArray()).isTrue();
        var ids = new ArrayList<String>();
        for (int page = 0; page * 2 < all.size(); page++) {
            JsonNode body = server.apiOk("GET", "/resource-servers?page=" + page + "&per_page=2&include_totals=true", null, 200);
            assertThat(body.get("start").asInt()).isEqualTo(page * 2);
            assertThat(body.get("limit").asInt()).isEqualTo(2);
            assertThat(body.get("total").asInt()).isEqualTo(all.size());
            assertThat(body.get("length").asInt()).isEqualTo(body.get("resource_servers").size());
            body.get("resource_servers").forEach(a -> ids.add(a.get("id").asText()));
        }
        assertThat(ids).containsExactlyElementsOf(all.findValuesAsText("id"));
    }

    @Test
    void listWhenIdentifiersGivenThenOnlyThose() {
        create(Map.of("identifier", "https://rs-f1.example"));
        create(Map.of("identifier", "https://rs-f2.example"));
        create(Map.of("identifier", "https://rs-f3.example"));
        JsonNode list = server.apiOk("GET", "/resource-servers?identifiers=" + enc("https://rs-f1.example")
                + "&identifiers=" + enc("https://rs-f3.example"), null, 200);
        assertThat(list.findValuesAsText("identifier")).containsExactlyInAnyOrder("https://rs-f1.example", "https://rs-f3.example");
    }

    @Test
    void listWhenPerPageOver100ThenBadQuery() {
        assertError(server.api("GET", "/resource-servers?per_page=101", null), 400, "invalid_query_string");
        assertError(server.api("GET", "/resource-servers?bogus=1", null), 400, "invalid_query_string");
        assertError(server.api("GET", "/resource-servers?" + "identifiers=a&".repeat(11), null), 400, "invalid_query_string");
    }

    @Test
    void patchWhenNameScopesLifetimeThenUpdated() {
        JsonNode api = create(Map.of("identifier", "https://rs-patch.example", "name", "Before"));
        String id = api.get("id").asText();
        JsonNode patched = server.apiOk("PATCH", "/resource-servers/" + id, Map.of("name", "After",
                "scopes", List.of(Map.of("value", "read:b"), Map.of("value", "write:b")), "token_lifetime", 1200), 200);
        assertThat(patched.get("name").asText()).isEqualTo("After");
        assertThat(patched.get("scopes").findValuesAsText("value")).containsExactly("read:b", "write:b");
        assertThat(patched.get("token_lifetime").asInt()).isEqualTo(1200);
        assertThat(patched.get("identifier").asText()).isEqualTo("https://rs-patch.example");
        assertThat(server.apiOk("GET", "/resource-servers/" + id, null, 200)).isEqualTo(patched);
    }

    @Test
    void patchWhenSigningAlgChangesThenBadRequest() {
        String id = create(Map.of("identifier", "https://rs-alg.example")).get("id").asText();
        var body = assertError(server.api("PATCH", "/resource-servers/" + id, Map.of("signing_alg", "HS256")), 400, "invalid_body");
        assertThat(body.get("message").asText()).contains("signing_alg");
        assertThat(server.apiOk("GET", "/resource-servers/" + id, null, 200).get("signing_alg").asText()).isEqualTo("RS256");
        server.apiOk("PATCH", "/resource-servers/" + id, Map.of("signing_alg", "RS256"), 200);
    }

    @Test
    void patchWhenIdentifierGivenThenBadRequest() {
        String id = create(Map.of("identifier", "https://rs-ident.example")).get("id").asText();
        var body = assertError(server.api("PATCH", "/resource-servers/" + id, Map.of("identifier", "https://other.example")), 400, "invalid_body");
        assertThat(body.get("message").asText()).contains("identifier");
        assertThat(server.apiOk("GET", "/resource-servers/" + id, null, 200).get("identifier").asText()).isEqualTo("https://rs-ident.example");
    }

    @Test
    void createWhenDuplicateIdentifierThenConflict() {
        create(Map.of("identifier", "https://rs-dup.example", "name", "first"));
        var body = assertError(server.api("POST", "/resource-servers", Map.of("identifier", "https://rs-dup.example", "name", "second")),
                409, "resource_server_conflict");
        assertThat(body.get("message").asText()).contains("already exists");
        JsonNode list = server.apiOk("GET", "/resource-servers?identifiers=" + enc("https://rs-dup.example"), null, 200);
        assertThat(list.findValuesAsText("name")).containsExactly("first");
    }

    @Test
    void deleteWhenExistingThenNoContentThenNotFound() {
        String id = create(Map.of("identifier", "https://rs-del.example")).get("id").asText();
        var r = server.api("DELETE", "/resource-servers/" + id, null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertError(server.api("GET", "/resource-servers/" + id, null), 404, "inexistent_resource_server");
        assertError(server.api("DELETE", "/resource-servers/" + id, null), 404, "inexistent_resource_server");
    }

    @Test
    void deleteWhenApiHasGrantsThenGrantsAreDeletedToo() {
        var app = server.appWithGrant("https://rs-cascade.example", List.of("s:1"), List.of("s:1"));
        String grantId = server.apiOk("GET", "/client-grants?audience=" + enc("https://rs-cascade.example"), null, 200)
                .get(0).get("id").asText();
        server.apiOk("DELETE", "/resource-servers/" + enc("https://rs-cascade.example"), null, 204);
        assertThat(server.apiOk("GET", "/client-grants?client_id=" + app.clientId(), null, 200)).isEmpty();
        assertError(server.api("GET", "/client-grants/" + grantId, null), 404, "inexistent_client_grant");
        // a new API with the same identifier does not inherit the old grant
        create(Map.of("identifier", "https://rs-cascade.example"));
        var token = server.tokenForm(Map.of("grant_type", "client_credentials", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "audience", "https://rs-cascade.example"));
        assertThat(token.status()).isEqualTo(403);
        assertThat(token.json().get("error").asText()).isEqualTo("access_denied");
    }

    @Test
    void patchOrDeleteWhenSystemApiThenForbidden() {
        JsonNode system = server.apiOk("GET", "/resource-servers?identifiers=" + enc(server.managementAudience()), null, 200).get(0);
        assertThat(system.get("is_system").asBoolean()).isTrue();
        String id = system.get("id").asText();
        assertError(server.api("PATCH", "/resource-servers/" + id, Map.of("name", "mine now")), 403, "operation_not_supported");
        assertError(server.api("DELETE", "/resource-servers/" + id, null), 403, "operation_not_supported");
        assertError(server.api("DELETE", "/resource-servers/" + enc(server.managementAudience()), null), 403, "operation_not_supported");
        assertThat(server.apiOk("GET", "/resource-servers/" + id, null, 200)).isEqualTo(system);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"name\":\"no identifier\"}",
            "{\"identifier\":null}",
            "{\"identifier\":42}",
            "{\"identifier\":\"https://v.example\",\"name\":false}",
            "{\"identifier\":\"https://v.example\",\"token_lifetime\":\"3600\"}",
            "{\"identifier\":\"https://v.example\",\"token_lifetime\":1.5}",
            "{\"identifier\":\"https://v.example\",\"scopes\":\"read:a\"}",
            "{\"identifier\":\"https://v.example\",\"scopes\":[\"read:a\"]}",
            "{\"identifier\":\"https://v.example\",\"is_system\":true}",
            "{\"identifier\":\"https://v.example\",\"surprise\":1}",
            "{\"identifier\":\"https://v.example\",\"scopes\":[{\"value\":\"has space\"}]}",
            "{\"identifier\":\"https://v.example\",\"scopes\":[{\"value\":\"\"}]}",
            "{\"identifier\":\"https://v.example\",\"scopes\":[{\"value\":\"quo\\\"te\"}]}",
            "{\"identifier\":\"https://v.example\",\"scopes\":[{\"value\":\"read:a\"},{\"value\":\"read:a\"}]}",
            "{\"identifier\":\"https://v.example\",\"scopes\":[{\"value\":\"read:a\",\"extra\":1}]}",
            "{\"identifier\":\"https://v.example\",\"token_lifetime\":0}",
            "{\"identifier\":\"https://v.example\",\"token_lifetime\":2592001}",
            "{\"identifier\":\"https://v.example\",\"token_dialect\":\"access_token_authz\"}",
            "{\"identifier\":\"https://v.example\",\"signing_alg\":\"none\"}",
            "{\"identifier\":\"https://v.example\",\"name\":\"<script>\"}",
            "{\"identifier\":\"https://v.example\",\"signing_alg\":\"HS256\",\"signing_secret\":\"short\"}",
            "{\"identifier\":\"https://v.example\",\"identifier\":\"https://w.example\"}"})
    void createWhenInvalidThenBadRequestAndNothingCreated(String body) {
        int before = server.apiOk("GET", "/resource-servers?per_page=100", null, 200).size();
        var error = assertError(server.api("POST", "/resource-servers", body), 400, "invalid_body");
        assertThat(error.get("message").asText()).startsWith("Payload validation error");
        assertThat(server.apiOk("GET", "/resource-servers?per_page=100", null, 200).size()).isEqualTo(before);
        assertThat(server.apiOk("GET", "/resource-servers?identifiers=" + enc("https://v.example"), null, 200)).isEmpty();
    }

    @Test
    void createWhenTokenDialectAccessTokenThenAccepted() {
        JsonNode api = create(Map.of("identifier", "https://rs-dialect.example", "token_dialect", "access_token",
                "allow_offline_access", true));
        assertThat(api.get("token_dialect").asText()).isEqualTo("access_token");
        assertThat(api.get("allow_offline_access").asBoolean()).isTrue();
        assertThat(server.apiOk("GET", "/resource-servers/" + api.get("id").asText(), null, 200)).isEqualTo(api);
    }
}
