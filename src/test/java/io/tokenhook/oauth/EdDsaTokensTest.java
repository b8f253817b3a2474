package io.tokenhook.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.management.ApiTests;
import io.tokenhook.support.SeedHook;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** APIs signing with EdDSA (Ed25519): tokens a resource server verifies against the JWKS, hooks, key rotation. */
class EdDsaTokensTest {
    private static final String AUDIENCE = "https://api.example.com/ed";
    private static TestServer server;
    private static TestServer.App app;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.createApiSigned(AUDIENCE, "EdDSA", "read:data");
        var a = server.createApp("ed app");
        server.grant(a.get("client_id").asText(), AUDIENCE, "read:data");
        app = new TestServer.App(a.get("client_id").asText(), a.get("client_secret").asText());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token() {
        return server.accessToken(app.clientId(), app.clientSecret(), AUDIENCE);
    }

    /**
     * What a resource server does: pick the JWKS key by kid and verify with Nimbus's Ed25519Verifier (its
     * DefaultJWTProcessor has no Ed25519 key selection, so by hand).
     */
    private static JWTClaimsSet verifyWithJwks(String token) throws Exception {
        assertThat(ed25519Verifies(token)).as("signature of %s", token).isTrue();
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    private static boolean ed25519Verifies(String token) throws Exception {
        var jwt = SignedJWT.parse(token);
        var key = JWKSet.parse(server.get("/.well-known/jwks.json").text()).getKeyByKeyId(jwt.getHeader().getKeyID());
        return key instanceof OctetKeyPair okp && jwt.verify(new Ed25519Verifier(okp));
    }

    @Test
    void anEdDsaApisTokensVerifyAgainstTheJwksAndCarryTheHooksClaims() throws Exception {
        String hookId = server.apiOk("POST", "/hooks", Map.of("name", "seed", "script", SeedHook.SCRIPT,
                "triggerId", "credentials-exchange", "enabled", true), 201).get("id").asText();
        try {
            String token = token();
            var header = SignedJWT.parse(token).getHeader();
            assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
            assertThat(header.getType()).isEqualTo(JOSEObjectType.JWT);

            JWTClaimsSet claims = verifyWithJwks(token);
            assertThat(claims.getAudience()).containsExactly(AUDIENCE);
            assertThat(claims.getSubject()).isEqualTo(app.clientId() + "@clients");
            assertThat(claims.getStringClaim("https://foo.com/claim")).isEqualTo("bar");
            assertThat(claims.getStringClaim("scope")).isEqualTo("read:data extra");

            var key = JWKSet.parse(server.get("/.well-known/jwks.json").text()).getKeyByKeyId(header.getKeyID());
            assertThat(key).isInstanceOf(OctetKeyPair.class);
            assertThat(((OctetKeyPair) key).getCurve()).isEqualTo(Curve.Ed25519);
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
            assertThat(key.computeThumbprint().toString()).isEqualTo(header.getKeyID());
        } finally {
            server.apiOk("DELETE", "/hooks/" + hookId, null, 204);
        }
    }

    @Test
    void aTamperedEdDsaTokenDoesNotVerify() throws Exception {
        String token = token();
        assertThat(ed25519Verifies(token)).isTrue();
        String[] parts = token.split("\\.");
        char c = parts[1].charAt(10);
        String payload = parts[1].substring(0, 10) + (c == 'A' ? 'B' : 'A') + parts[1].substring(11);
        assertThat(ed25519Verifies(parts[0] + "." + payload + "." + parts[2])).isFalse();
    }

    @Test
    void rotationSwitchesTheEdDsaKeyWhileTokensOfTheOldOneStillVerify() throws Exception {
        String before = token();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        JsonNode rotated = server.apiOk("POST", "/keys/signing/rotate", null, 201);
        String newKid = null;
        for (JsonNode k : rotated.path("keys")) if (k.path("alg").asText().equals("EdDSA")) newKid = k.path("kid").asText();
        assertThat(newKid).isNotNull().isNotEqualTo(oldKid);

        // published before it signs, so verifiers already know it when the first token arrives
        assertThat(jwksKids()).contains(oldKid, newKid);
        long deadline = System.nanoTime() + 5_000_000_000L;
        String after = token();
        while (!SignedJWT.parse(after).getHeader().getKeyID().equals(newKid)) {
            assertThat(System.nanoTime()).as("EdDSA tokens signed with " + newKid).isLessThan(deadline);
            Thread.sleep(50);
            after = token();
        }
        assertThat(ed25519Verifies(after)).isTrue();
        assertThat(ed25519Verifies(before)).isTrue();
        assertThat(jwksKids()).contains(oldKid, newKid);

        JsonNode old = server.apiOk("GET", "/keys/signing/" + oldKid, null, 200);
        assertThat(old.path("alg").asText()).isEqualTo("EdDSA");
        assertThat(old.path("previous").asBoolean()).isTrue();
        assertThat(old.path("published").asBoolean()).isTrue();
    }

    private static List<String> jwksKids() throws Exception {
        return JWKSet.parse(server.get("/.well-known/jwks.json").text()).getKeys().stream().map(k -> k.getKeyID()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EdDSA ", "ed25519", "eddsa", "Ed25519"})
    void aSigningAlgThatIsNotExactlyEdDsaIsABadRequest(String alg) {
        var r = server.api("POST", "/resource-servers", Map.of("identifier", "https://api.example.com/bad-" + alg.trim(),
                "signing_alg", alg));
        JsonNode body = ApiTests.assertError(r, 400, "invalid_body");
        assertThat(body.path("message").asText()).contains("signing_alg").contains("EdDSA");
        assertThat(server.api("GET", "/resource-servers/" + java.net.URLEncoder.encode("https://api.example.com/bad-" + alg.trim(),
                java.nio.charset.StandardCharsets.UTF_8), null).status()).isEqualTo(404);
    }
}
