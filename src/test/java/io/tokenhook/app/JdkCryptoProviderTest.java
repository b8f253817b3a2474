package io.tokenhook.app;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.TestServer;
import io.tokenhook.token.CryptoProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code TOKENHOOK_CRYPTO_PROVIDER=jdk}: the fallback path a platform without ACCP takes. Every algorithm still
 * issues tokens that verify, and {@code /metrics} says which provider signs.
 */
class JdkCryptoProviderTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createTempDirectory("tokenhook-jdk-crypto"), Map.of(CryptoProvider.ENV, "jdk"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void metricsNameTheJdk() {
        assertThat(server.get("/metrics").text()).contains("tokenhook_crypto_provider_info{provider=\"JDK\"} 1")
                .doesNotContain("provider=\"ACCP\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "EdDSA", "HS256"})
    void everyAlgorithmIssuesTokensThatVerify(String alg) throws Exception {
        String audience = "https://api.example.com/jdk-" + alg.toLowerCase();
        var api = server.createApiSigned(audience, alg, "read");
        var app = server.createApp("jdk " + alg);
        server.grant(app.get("client_id").asText(), audience, "read");
        var jwt = SignedJWT.parse(server.accessToken(app.get("client_id").asText(), app.get("client_secret").asText(), audience));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.parse(alg));
        JWSVerifier verifier;
        if (alg.equals("HS256")) {
            verifier = new MACVerifier(api.get("signing_secret").asText().getBytes(StandardCharsets.UTF_8));
        } else {
            var key = JWKSet.parse(server.get("/.well-known/jwks.json").text()).getKeyByKeyId(jwt.getHeader().getKeyID());
            verifier = switch (key) {
                case RSAKey rsa -> new RSASSAVerifier(rsa);
                case ECKey ec -> new ECDSAVerifier(ec);
                case OctetKeyPair okp -> new Ed25519Verifier(okp);
                default -> throw new AssertionError(key);
            };
        }
        assertThat(jwt.verify(verifier)).isTrue();
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(audience);
    }
}
