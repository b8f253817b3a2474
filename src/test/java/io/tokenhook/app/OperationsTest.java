package io.tokenhook.app;

import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/** Health, metrics and discovery documents. */
class OperationsTest {
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
    void healthzIsOkOnceConfigurationIsLoaded() {
        var r = server.get("/healthz");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void metricsCountTokenRequestsByOutcome() {
        var app = server.appWithGrant("https://api.example.com/metrics", List.of("m"), List.of("m"));
        server.tokenForm(params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret",
                app.clientSecret(), "audience", "https://api.example.com/metrics"));
        server.tokenForm(params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret", "nope",
                "audience", "https://api.example.com/metrics"));
        var r = server.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.text()).contains("tokenhook_token_requests_seconds_count{outcome=\"success\"}")
                .contains("tokenhook_token_requests_seconds_count{outcome=\"invalid_client\"}")
                .contains("tokenhook_token_requests_seconds_bucket")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void metricsNameTheProviderThatSigns() {
        // ACCP's jar carries the native library for linux-x86_64, the platform this project builds and tests on
        assertThat(server.get("/metrics").text()).contains("tokenhook_crypto_provider_info{provider=\"ACCP\"} 1")
                .doesNotContain("provider=\"JDK\"");
    }

    @Test
    void discoveryDocumentsDescribeTheTokenEndpoint() {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            var doc = server.get(path).json();
            assertThat(doc.get("issuer").asText()).isEqualTo(server.issuer());
            assertThat(doc.get("token_endpoint").asText()).isEqualTo(server.baseUrl() + "oauth/token");
            assertThat(doc.get("jwks_uri").asText()).isEqualTo(server.baseUrl() + ".well-known/jwks.json");
            assertThat(doc.get("grant_types_supported").toString()).contains("client_credentials");
            assertThat(doc.get("token_endpoint_auth_methods_supported").toString())
                    .contains("client_secret_basic").contains("client_secret_post");
        }
    }

    @Test
    void jwksPublishesPublicPartsOnly() {
        var keys = server.get("/.well-known/jwks.json").json().get("keys");
        assertThat(keys).isNotEmpty();
        for (var key : keys) {
            assertThat(key.has("d")).isFalse();
            assertThat(key.has("p")).isFalse();
            assertThat(key.get("kid").asText()).hasSize(43);
            assertThat(key.get("use").asText()).isEqualTo("sig");
        }
    }

    @Test
    void unknownPathIsJson404() {
        var r = server.get("/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("statusCode").asInt()).isEqualTo(404);
    }
}
