package io.tokenhook.oauth;

import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal of spec section 1.4, with the status, error and description a client sees. */
class TokenErrorsTest {
    private static final String AUDIENCE = "https://api.example.com/orders";
    private static TestServer server;
    private static TestServer.App app;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        app = server.appWithGrant(AUDIENCE, List.of("read:orders", "write:orders"), List.of("read:orders"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, String> valid() {
        return params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret", app.clientSecret(), "audience", AUDIENCE);
    }

    private static Map<String, String> with(String key, String value) {
        var p = valid();
        if (value == null) p.remove(key); else p.put(key, value);
        return p;
    }

    private static void assertError(TestServer.Response r, int status, String error, String description) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isEqualTo(error);
        if (description != null) assertThat(r.json().get("error_description").asText()).isEqualTo(description);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.json().has("access_token")).isFalse();
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        assertError(server.tokenForm(with("grant_type", null)), 400, "invalid_request", "Missing required parameter: grant_type");
    }

    @Test
    void unknownGrantTypeIsUnsupported() {
        assertError(server.tokenForm(with("grant_type", "password")), 400, "unsupported_grant_type", "Grant type 'password' not supported");
    }

    @Test
    void missingClientIdIsInvalidClient() {
        assertError(server.tokenForm(with("client_id", null)), 401, "invalid_client", "Missing client_id");
    }

    @Test
    void unknownClientWrongSecretAndMissingSecretAllLookTheSame() {
        var unknown = server.tokenForm(with("client_id", "nobody-has-this-client-id-000000"));
        var wrong = server.tokenForm(with("client_secret", app.clientSecret() + "x"));
        var missing = server.tokenForm(with("client_secret", null));
        for (var r : List.of(unknown, wrong, missing)) {
            assertError(r, 401, "invalid_client", "Client authentication failed");
            assertThat(r.header("WWW-Authenticate")).isNull();
        }
    }

    @Test
    void badBasicCredentialsChallengeWithBasic() {
        String basic = Base64.getEncoder().encodeToString((app.clientId() + ":wrong").getBytes(StandardCharsets.UTF_8));
        var r = server.send(server.request("/oauth/token").header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&audience=" + AUDIENCE)));
        assertError(r, 401, "invalid_client", "Client authentication failed");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void malformedBasicHeaderIsInvalidClient() {
        var r = server.send(server.request("/oauth/token").header("Authorization", "Basic !!!not-base64")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&audience=" + AUDIENCE)));
        assertError(r, 401, "invalid_client", null);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void twoAuthenticationMethodsAreRejected() {
        String basic = Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret()).getBytes(StandardCharsets.UTF_8));
        var r = server.send(server.request("/oauth/token").header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.form(valid()))));
        assertError(r, 400, "invalid_request", null);
    }

    @Test
    void clientWithoutClientCredentialsGrantTypeIsUnauthorizedClient() {
        var spa = server.apiOk("POST", "/clients", Map.of("name", "browser app", "app_type", "spa",
                "grant_types", List.of("authorization_code")), 201);
        server.grant(spa.get("client_id").asText(), AUDIENCE, "read:orders");
        var r = server.tokenForm(params("grant_type", "client_credentials", "client_id", spa.get("client_id").asText(),
                "client_secret", spa.get("client_secret").asText(), "audience", AUDIENCE));
        assertError(r, 403, "unauthorized_client", "Grant type 'client_credentials' not allowed for the client.");
    }

    @Test
    void missingAudienceIsAccessDenied() {
        assertError(server.tokenForm(with("audience", null)), 403, "access_denied",
                "No audience parameter was provided, and no default audience has been configured");
    }

    @Test
    void unknownAudienceIsAccessDenied() {
        assertError(server.tokenForm(with("audience", "https://nowhere.example")), 403, "access_denied",
                "Service not enabled within domain: https://nowhere.example");
    }

    @Test
    void audienceWithoutGrantIsAccessDenied() {
        server.createApi("https://api.example.com/ungranted", new String[] {"x"});
        assertError(server.tokenForm(with("audience", "https://api.example.com/ungranted")), 403, "access_denied",
                "Client is not authorized to access \"https://api.example.com/ungranted\". You need to create a \"client-grant\" associated to this API.");
    }

    @Test
    void scopeNotGrantedIsAccessDeniedNamingTheMissingScopes() {
        assertError(server.tokenForm(with("scope", "read:orders write:orders delete:orders")), 403, "access_denied",
                "Client has not been granted scopes: write:orders delete:orders");
    }

    @Test
    void scopeWithInvalidCharacterIsInvalidScope() {
        assertError(server.tokenForm(with("scope", "read:orders \"quoted\"")), 400, "invalid_scope", null);
    }

    @Test
    void managementApiAudienceIsRefusedToClientsWithoutAGrant() {
        assertError(server.tokenForm(with("audience", server.managementAudience())), 403, "access_denied", null);
    }

    @Test
    void getOnTokenEndpointIsMethodNotAllowedInOAuthShape() {
        var r = server.get("/oauth/token");
        assertThat(r.status()).isIn(404, 405);
        assertThat(r.json().has("error")).isTrue();
        assertThat(r.json().has("error_description")).isTrue();
    }
}
