package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.SeedHook;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.tokenhook.management.ApiTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an Auth0 export (auth0-deploy-cli's directory format) brings to the Management API: Auth0's own
 * identifiers and client secrets, the settings current Auth0 tenants write for every record, and settings
 * Tokenhook does not enforce, which it refuses unless they ask for nothing.
 */
class ManagementApiMigrationTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createClientWhenExportedIdAndSecretThenBothKeptAndTheExchangeWorks() {
        server.createApi("https://migrated.example/api", "read:data");
        var app = server.apiOk("POST", "/clients", Map.of("name", "Migrated", "client_id", "kQ3rT8vLx2NwP5sYb7CzH4mJd9FgA6eU",
                "client_secret", "the-secret-it-had-at-auth0-0123456789"), 201);
        assertThat(app.get("client_id").asText()).isEqualTo("kQ3rT8vLx2NwP5sYb7CzH4mJd9FgA6eU");
        server.grant("kQ3rT8vLx2NwP5sYb7CzH4mJd9FgA6eU", "https://migrated.example/api", "read:data");
        var token = server.tokenForm(Map.of("grant_type", "client_credentials", "client_id", "kQ3rT8vLx2NwP5sYb7CzH4mJd9FgA6eU",
                "client_secret", "the-secret-it-had-at-auth0-0123456789", "audience", "https://migrated.example/api"));
        assertThat(token.status()).as(token.text()).isEqualTo(200);

        assertError(server.api("POST", "/clients", Map.of("name", "Twin", "client_id", "kQ3rT8vLx2NwP5sYb7CzH4mJd9FgA6eU")),
                409, "client_conflict");
        var bad = assertError(server.api("POST", "/clients", Map.of("name", "Bad", "client_id", "has spaces")), 400, "invalid_body");
        assertThat(bad.get("message").asText()).contains("client_id");
        assertError(server.api("PATCH", "/clients/kQ3rT8vLx2NwP5sYb7CzH4mJd9FgA6eU", Map.of("client_id", "other")), 400, "invalid_body");
    }

    @Test
    void createClientWhenCurrentAuth0ExportSettingsThenStoredAndReturned() {
        var app = server.apiOk("POST", "/clients", Map.of("name", "Exported",
                "cross_origin_auth", false, "require_proof_of_possession", false, "compliance_level", "none",
                "oidc_logout", Map.of("backchannel_logout_urls", List.of()), "organization_discovery_methods", List.of("email"),
                "par_request_expiry", 30), 201);
        var fetched = server.apiOk("GET", "/clients/" + app.get("client_id").asText(), null, 200);
        assertThat(fetched.get("cross_origin_auth").asBoolean()).isFalse();
        assertThat(fetched.get("require_proof_of_possession").asBoolean()).isFalse();
        assertThat(fetched.get("compliance_level").asText()).isEqualTo("none");
        assertThat(fetched.get("par_request_expiry").asInt()).isEqualTo(30);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"Unenforced\",\"require_proof_of_possession\":true}",
            "{\"name\":\"Unenforced\",\"client_authentication_methods\":{\"private_key_jwt\":{\"credentials\":[]}}}",
            "{\"name\":\"Unenforced\",\"token_quota\":{\"client_credentials\":{\"per_day\":10}}}",
            "{\"name\":\"Unenforced\",\"par_request_expiry\":\"soon\"}"})
    void createClientWhenSettingTokenhookDoesNotEnforceThenRefusedAndNothingCreated(String body) {
        int before = server.apiOk("GET", "/clients", null, 200).size();
        var error = assertError(server.api("POST", "/clients", body), 400, "invalid_body");
        assertThat(error.get("message").asText()).contains(body.split("\"")[5]);
        assertThat(server.apiOk("GET", "/clients", null, 200).size()).isEqualTo(before);
    }

    @Test
    void patchClientWhenNestedSettingPartlyGivenThenMergedIntoTheStoredOne() {
        var app = server.apiOk("POST", "/clients", Map.of("name", "Nested",
                "jwt_configuration", Map.of("alg", "RS256", "lifetime_in_seconds", 36000, "secret_encoded", false)), 201);
        String path = "/clients/" + app.get("client_id").asText();
        // auth0-deploy-cli leaves out secret_encoded on updates: it cannot change after creation
        var patched = server.apiOk("PATCH", path, Map.of("jwt_configuration", Map.of("alg", "RS256", "lifetime_in_seconds", 600)), 200);
        assertThat(patched.get("jwt_configuration").get("lifetime_in_seconds").asInt()).isEqualTo(600);
        assertThat(patched.get("jwt_configuration").get("secret_encoded").isBoolean()).isTrue();
        var replaced = server.apiOk("PATCH", path, Map.of("grant_types", List.of("client_credentials"), "callbacks", List.of("https://a")), 200);
        assertThat(replaced.get("callbacks")).extracting(JsonNode::asText).containsExactly("https://a");
    }

    @Test
    void createApiWhenExportedIdAndSettingsThenKept() {
        var api = server.apiOk("POST", "/resource-servers", Map.of("id", "5f9e2c7a1b3d4e6f8a0b1c2d",
                "identifier", "https://exported.example/api", "name", "Exported API",
                "subject_type_authorization", Map.of("user", Map.of("policy", "allow_all"), "client", Map.of("policy", "require_client_grant")),
                "proof_of_possession", Map.of("mechanism", "dpop", "required", false), "allow_online_access", false,
                "token_lifetime_for_web", 7200), 201);
        assertThat(api.get("id").asText()).isEqualTo("5f9e2c7a1b3d4e6f8a0b1c2d");
        var fetched = server.apiOk("GET", "/resource-servers/5f9e2c7a1b3d4e6f8a0b1c2d", null, 200);
        assertThat(fetched.at("/subject_type_authorization/client/policy").asText()).isEqualTo("require_client_grant");
        assertThat(fetched.get("allow_online_access").asBoolean()).isFalse();

        assertError(server.api("POST", "/resource-servers", Map.of("id", "5f9e2c7a1b3d4e6f8a0b1c2d", "identifier", "https://other.example")),
                409, "resource_server_conflict");
        assertError(server.api("POST", "/resource-servers", Map.of("id", "not-hex", "identifier", "https://other.example")),
                400, "invalid_body");
        assertError(server.api("PATCH", "/resource-servers/5f9e2c7a1b3d4e6f8a0b1c2d", Map.of("id", "5f9e2c7a1b3d4e6f8a0b1c2e")),
                400, "invalid_body");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"identifier\":\"https://refused.example\",\"subject_type_authorization\":{\"client\":{\"policy\":\"deny_all\"}}}",
            "{\"identifier\":\"https://refused.example\",\"proof_of_possession\":{\"mechanism\":\"mtls\",\"required\":true}}",
            "{\"identifier\":\"https://refused.example\",\"token_encryption\":{\"format\":\"compact-nested-jwe\"}}"})
    void createApiWhenSettingTokenhookDoesNotEnforceThenRefused(String body) {
        var error = assertError(server.api("POST", "/resource-servers", body), 400, "invalid_body");
        assertThat(error.get("message").asText()).contains(body.split("\"")[5]);
        assertError(server.api("GET", "/resource-servers/https%3A%2F%2Frefused.example", null), 404, "inexistent_resource_server");
    }

    @Test
    void createGrantWhenExportedIdAndOrganizationSettingsThatDescribeTokenhookThenAccepted() {
        server.createApi("https://grants.example/api", "read:a", "read:b");
        String clientId = server.createApp("Granted").get("client_id").asText();
        var grant = server.apiOk("POST", "/client-grants", Map.of("id", "cgr_e40jKy0Rq2IfvoyQ", "client_id", clientId,
                "audience", "https://grants.example/api", "scope", List.of("read:a"), "organization_usage", "deny",
                "allow_any_organization", false, "subject_type", "client"), 201);
        assertThat(grant.get("id").asText()).isEqualTo("cgr_e40jKy0Rq2IfvoyQ");
        var patched = server.apiOk("PATCH", "/client-grants/cgr_e40jKy0Rq2IfvoyQ", Map.of("scope", List.of("read:a", "read:b"),
                "organization_usage", "allow", "allow_any_organization", false, "allow_all_scopes", false), 200);
        assertThat(patched.get("scope")).extracting(JsonNode::asText).containsExactly("read:a", "read:b");

        for (var refused : List.of(Map.of("organization_usage", "require"), Map.of("allow_any_organization", true),
                Map.of("allow_all_scopes", true), Map.of("authorization_details_types", List.of("payment")))) {
            var error = assertError(server.api("PATCH", "/client-grants/cgr_e40jKy0Rq2IfvoyQ", refused), 400, "invalid_body");
            assertThat(error.get("message").asText()).contains(refused.keySet().iterator().next());
        }
        assertError(server.api("POST", "/client-grants", Map.of("id", "cgr_e40jKy0Rq2IfvoyQ", "client_id", clientId,
                "audience", "https://migrated.example/other", "scope", List.of())), 409, "client_grant_conflict");
    }

    @Test
    void createHookWhenExportedIdThenKept() {
        var hook = server.apiOk("POST", "/hooks", Map.of("id", "01GEPVQEH9SX3RSTYY561TR92N", "name", "exported-hook",
                "script", SeedHook.SCRIPT, "triggerId", "credentials-exchange"), 201);
        assertThat(hook.get("id").asText()).isEqualTo("01GEPVQEH9SX3RSTYY561TR92N");
        assertThat(server.apiOk("GET", "/hooks/01GEPVQEH9SX3RSTYY561TR92N", null, 200).get("name").asText()).isEqualTo("exported-hook");
        assertError(server.api("POST", "/hooks", Map.of("id", "01GEPVQEH9SX3RSTYY561TR92N", "name", "twin-hook",
                "script", SeedHook.SCRIPT, "triggerId", "credentials-exchange")), 409, "hook_conflict");
        assertError(server.api("POST", "/hooks", Map.of("id", "../etc", "name", "bad-id-hook",
                "script", SeedHook.SCRIPT, "triggerId", "credentials-exchange")), 400, "invalid_body");
    }

    @Test
    void managementApiWhenListedThenNamedAsAuth0NamesItAndRenamedFromTheOldNameOnStart() throws Exception {
        JsonNode system = systemApi();
        assertThat(system.get("name").asText()).isEqualTo("Auth0 Management API");
        try (var db = server.database().connect(); var update = db.prepareStatement("UPDATE resource_servers SET name = ? WHERE id = ?")) {
            update.setString(1, "Tokenhook Management API");
            update.setString(2, system.get("id").asText());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        server.restart();
        assertThat(systemApi().get("name").asText()).isEqualTo("Auth0 Management API");
        assertThat(systemApi().get("id").asText()).isEqualTo(system.get("id").asText());
    }

    private static JsonNode systemApi() {
        for (JsonNode api : server.apiOk("GET", "/resource-servers", null, 200)) {
            if (api.path("is_system").asBoolean()) return api;
        }
        throw new AssertionError("no system API listed");
    }
}
