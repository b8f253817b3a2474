package io.tokenhook.app;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/** A restart keeps every API, application, grant and key: tokens from before still verify after. */
class RestartTest {

    @Test
    void restartKeepsConfigurationAndKeys() throws Exception {
        try (var server = TestServer.start()) {
            var app = server.appWithGrant("https://api.example.com/kept", List.of("read", "write"), List.of("read"));
            var p = params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret", app.clientSecret(),
                    "audience", "https://api.example.com/kept");
            String before = server.tokenForm(p).json().get("access_token").asText();
            String jwksBefore = server.get("/.well-known/jwks.json").text();

            server.restart();

            assertThat(server.get("/.well-known/jwks.json").text()).isEqualTo(jwksBefore);
            var after = server.tokenForm(p);
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.json().get("scope").asText()).isEqualTo("read");
            var key = (RSAKey) JWKSet.parse(server.get("/.well-known/jwks.json").text()).getKeys().get(0);
            assertThat(SignedJWT.parse(before).verify(new RSASSAVerifier(key))).isTrue();
            assertThat(SignedJWT.parse(after.json().get("access_token").asText()).getHeader().getKeyID())
                    .isEqualTo(SignedJWT.parse(before).getHeader().getKeyID());
            assertThat(server.apiOk("GET", "/resource-servers/https%3A%2F%2Fapi.example.com%2Fkept", null, 200)
                    .get("scopes")).hasSize(2);
        }
    }

    @Test
    void firstStartWithoutAdminEnvWritesPrivateCredentialsFile() throws Exception {
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-bootstrap"))) {
            var dir = db.dataDir();
            var out = new java.io.ByteArrayOutputStream();
            var config = new Config("127.0.0.1", 0, dir, "http://localhost:1/", db.dbUrl(), null, java.time.Duration.ofDays(1),
                    java.time.Duration.ofSeconds(1), 1000, 20, Config.DEFAULT_CONFIG_CHECK_INTERVAL, null, null, Config.Tls.NONE);
            try (var server = Tokenhook.start(config, db.env(), new java.io.PrintStream(out, true))) {
                var file = dir.resolve("admin-credentials.json");
                assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
                var creds = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
                assertThat(creds.get("client_secret").asText()).hasSizeGreaterThanOrEqualTo(43);
                assertThat(out.toString()).contains(creds.get("client_id").asText()).contains(creds.get("client_secret").asText());
                assertThat(db.contentsAsText()).doesNotContain(creds.get("client_secret").asText());
            }
            // second start: nothing new printed, nothing regenerated
            var again = new java.io.ByteArrayOutputStream();
            try (var server = Tokenhook.start(config, db.env(), new java.io.PrintStream(again, true))) {
                assertThat(again.toString()).doesNotContain("client_secret");
            }
        }
    }
}
