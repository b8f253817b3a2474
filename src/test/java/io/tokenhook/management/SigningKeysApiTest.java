package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v2/keys/signing}: list, get, rotate and revoke, seen through the JWKS and the tokens. */
class SigningKeysApiTest {
    private static final String API = "https://api.example.com/keys";
    private static TestServer server;
    private static TestServer.App app;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        app = server.appWithGrant(API, List.of("read"), List.of("read"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token() {
        return server.accessToken(app.clientId(), app.clientSecret(), API);
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    /** Verifies {@code token} against the published JWKS, as a resource server would. */
    private static boolean verifiesAgainstJwks(String token) throws Exception {
        var jwt = SignedJWT.parse(token);
        var key = JWKSet.parse(server.get("/.well-known/jwks.json").text()).getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(new RSASSAVerifier((RSAKey) key));
    }

    private static List<String> jwksKids() throws Exception {
        return JWKSet.parse(server.get("/.well-known/jwks.json").text()).getKeys().stream().map(k -> k.getKeyID()).toList();
    }

    @Test
    void listShowsTheCurrentKeyInAuth0sShape() throws Exception {
        String kid = kid(token());
        JsonNode key = null;
        for (JsonNode k : server.apiOk("GET", "/keys/signing", null, 200)) if (k.path("kid").asText().equals(kid)) key = k;
        assertThat(key).isNotNull();
        assertThat(key.path("thumbprint").asText()).isEqualTo(key.path("kid").asText());
        assertThat(key.path("alg").asText()).isEqualTo("RS256");
        assertThat(key.path("current").asBoolean()).isTrue();
        assertThat(key.path("next").asBoolean()).isFalse();
        assertThat(key.path("previous").asBoolean()).isFalse();
        assertThat(key.path("revoked").asBoolean()).isFalse();
        assertThat(key.has("current_since")).isTrue();
        assertThat(key.has("cert")).isFalse();

        assertThat(server.apiOk("GET", "/keys/signing/" + key.path("kid").asText(), null, 200)).isEqualTo(key);
        ApiTests.assertError(server.api("GET", "/keys/signing/nope", null), 404, "inexistent_signing_key");
    }

    @Test
    void rotateSignsNewTokensWithANewKeyWhileOldTokensStillVerify() throws Exception {
        String before = token();
        String adminBefore = server.adminToken();
        String oldKid = kid(before);

        JsonNode rotated = server.apiOk("POST", "/keys/signing/rotate", null, 201);
        String newKid = rotated.path("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(rotated.path("keys").get(0).path("alg").asText()).isEqualTo("RS256");

        String after = token();
        assertThat(kid(after)).isEqualTo(newKid);
        assertThat(verifiesAgainstJwks(before)).isTrue();
        assertThat(verifiesAgainstJwks(after)).isTrue();
        assertThat(jwksKids()).contains(oldKid, newKid);
        assertThat(server.api("GET", "/keys/signing", null, adminBefore).status()).isEqualTo(200);

        JsonNode old = server.apiOk("GET", "/keys/signing/" + oldKid, null, 200);
        assertThat(old.path("previous").asBoolean()).isTrue();
        assertThat(old.path("current").asBoolean()).isFalse();
        assertThat(old.has("current_until")).isTrue();
        assertThat(server.awaitLog("type:sapi", e -> e.path("description").asText().equals("Rotate the signing keys"))).isNotNull();
    }

    /** Revokes the key that signed the fixture's cached admin token, so it restarts the server to forget it. */
    @Test
    void revokeRemovesAPreviousKeyFromTheJwksAtOnce() throws Exception {
        String before = token();
        String adminBefore = server.accessToken(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET, server.managementAudience());
        String oldKid = kid(before);
        String newKid = server.apiOk("POST", "/keys/signing/rotate", null, 201).path("kid").asText();

        ApiTests.assertError(server.api("PUT", "/keys/signing/" + newKid + "/revoke", null), 400, "operation_not_supported");
        JsonNode revoked = server.apiOk("PUT", "/keys/signing/" + oldKid + "/revoke", null, 200);
        assertThat(revoked.path("kid").asText()).isEqualTo(oldKid);

        assertThat(jwksKids()).contains(newKid).doesNotContain(oldKid);
        assertThat(verifiesAgainstJwks(before)).isFalse();
        // Management API tokens signed with the revoked key stop working too
        ApiTests.assertError(server.api("GET", "/keys/signing", null, adminBefore), 401, "invalid_token");
        String fresh = server.accessToken(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET, server.managementAudience());
        assertThat(server.api("GET", "/keys/signing/" + oldKid, null, fresh).json().path("revoked").asBoolean()).isTrue();
        ApiTests.assertError(server.api("PUT", "/keys/signing/" + oldKid + "/revoke", null, fresh), 400, "operation_not_supported");
        server.restart();
    }

    @Test
    void rotateRotatesEveryAlgorithmInUse() {
        server.createApiSigned("https://api.example.com/es", "ES256");
        int before = server.apiOk("GET", "/keys/signing", null, 200).size();
        JsonNode rotated = server.apiOk("POST", "/keys/signing/rotate", null, 201);
        assertThat(rotated.path("keys").findValuesAsText("alg")).containsExactly("RS256", "ES256");
        JsonNode keys = server.apiOk("GET", "/keys/signing", null, 200);
        assertThat(keys).hasSize(before + 2);
        var currentAlgs = new java.util.ArrayList<String>();
        keys.forEach(k -> { if (k.path("current").asBoolean()) currentAlgs.add(k.path("alg").asText()); });
        assertThat(currentAlgs).containsExactlyInAnyOrder("RS256", "ES256");
    }

    @Test
    void eachEndpointNeedsItsScope() {
        var reader = ApiTests.managementCaller(server, "key reader", "read:signing_keys");
        assertThat(server.api("GET", "/keys/signing", null, reader.token()).status()).isEqualTo(200);
        ApiTests.assertError(server.api("POST", "/keys/signing/rotate", null, reader.token()), 403, "insufficient_scope");
        String kid = server.apiOk("GET", "/keys/signing", null, 200).get(0).path("kid").asText();
        ApiTests.assertError(server.api("PUT", "/keys/signing/" + kid + "/revoke", null, reader.token()), 403, "insufficient_scope");

        var other = ApiTests.managementCaller(server, "client reader", "read:clients");
        ApiTests.assertError(server.api("GET", "/keys/signing", null, other.token()), 403, "insufficient_scope");
        var rotator = ApiTests.managementCaller(server, "rotator", "create:signing_keys");
        assertThat(server.api("POST", "/keys/signing/rotate", null, rotator.token()).status()).isEqualTo(201);
    }
}
