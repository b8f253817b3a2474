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

import java.time.Instant;
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

    /** Waits until tokens are signed with {@code kid}: its activation is at most a second and a timer tick away. */
    private static void awaitSigningWith(String kid) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!kid(token()).equals(kid)) {
            assertThat(System.nanoTime()).as("tokens signed with " + kid).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void rotatePublishesTheNextKeyFirstThenSwitchesWhileOldTokensStillVerify() throws Exception {
        String before = token();
        String adminBefore = server.adminToken();
        String oldKid = kid(before);

        Instant asked = Instant.now();
        JsonNode rotated = server.apiOk("POST", "/keys/signing/rotate", null, 201);
        String newKid = rotated.path("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(rotated.path("keys").get(0).path("alg").asText()).isEqualTo("RS256");
        Instant switchAt = Instant.parse(rotated.path("current_since").asText());
        assertThat(switchAt).isBetween(asked.plus(TestServer.KEY_ACTIVATION_DELAY).minusMillis(50),
                Instant.now().plus(TestServer.KEY_ACTIVATION_DELAY));

        // before the switch: published, not signing; the old key still current, with its end planned
        assertThat(jwksKids()).contains(oldKid, newKid);
        JsonNode waiting = server.apiOk("GET", "/keys/signing/" + newKid, null, 200);
        assertThat(waiting.path("next").asBoolean()).isTrue();
        assertThat(waiting.path("current_since").asText()).isEqualTo(rotated.path("current_since").asText());
        if (Instant.now().isBefore(switchAt.minusMillis(200))) assertThat(kid(token())).isEqualTo(oldKid);

        awaitSigningWith(newKid);
        assertThat(Instant.now()).isAfterOrEqualTo(switchAt);
        String after = token();
        assertThat(verifiesAgainstJwks(before)).isTrue();
        assertThat(verifiesAgainstJwks(after)).isTrue();
        assertThat(server.api("GET", "/keys/signing", null, adminBefore).status()).isEqualTo(200);

        JsonNode old = server.apiOk("GET", "/keys/signing/" + oldKid, null, 200);
        assertThat(old.path("previous").asBoolean()).isTrue();
        assertThat(old.path("current").asBoolean()).isFalse();
        assertThat(old.path("published").asBoolean()).isTrue();
        assertThat(Instant.parse(old.path("current_until").asText())).isEqualTo(switchAt);
        // kept until the longest RS256 token lifetime (the Management API's day) has passed, plus a minute of skew
        assertThat(Instant.parse(old.path("published_until").asText())).isEqualTo(switchAt.plusSeconds(86_400 + 60));
        // and a new next key waits, published, for the following rotation
        assertThat(server.apiOk("GET", "/keys/signing", null, 200).findParents("kid").stream()
                .filter(k -> k.path("next").asBoolean() && k.path("alg").asText().equals("RS256")
                        && !k.has("current_since")).count()).isEqualTo(1);
        assertThat(server.awaitLog("type:sapi", e -> e.path("description").asText().equals("Rotate the signing keys"))).isNotNull();
    }

    @Test
    void theNextKeyPublishedByOneRotationSignsAfterTheFollowingOne() throws Exception {
        awaitSigningWith(server.apiOk("POST", "/keys/signing/rotate", null, 201).path("kid").asText());
        String waiting = server.apiOk("GET", "/keys/signing", null, 200).findParents("kid").stream()
                .filter(k -> k.path("next").asBoolean() && k.path("alg").asText().equals("RS256"))
                .map(k -> k.path("kid").asText()).findFirst().orElseThrow();
        assertThat(jwksKids()).contains(waiting);

        JsonNode rotated = server.apiOk("POST", "/keys/signing/rotate", null, 201);
        assertThat(rotated.path("kid").asText()).isEqualTo(waiting);
        // a second request before the switch keeps the plan instead of stacking rotations
        assertThat(server.apiOk("POST", "/keys/signing/rotate", null, 201)).isEqualTo(rotated);
        awaitSigningWith(waiting);
    }

    /** Revokes the key that signed the fixture's cached admin token, so it restarts the server to forget it. */
    @Test
    void revokeRemovesAPreviousKeyFromTheJwksAtOnce() throws Exception {
        String before = token();
        String adminBefore = server.accessToken(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET, server.managementAudience());
        String oldKid = kid(before);
        String newKid = server.apiOk("POST", "/keys/signing/rotate", null, 201).path("kid").asText();
        ApiTests.assertError(server.api("PUT", "/keys/signing/" + newKid + "/revoke", null), 400, "operation_not_supported");
        ApiTests.assertError(server.api("PUT", "/keys/signing/" + oldKid + "/revoke", null), 400, "operation_not_supported");
        awaitSigningWith(newKid);

        ApiTests.assertError(server.api("PUT", "/keys/signing/" + newKid + "/revoke", null), 400, "operation_not_supported");
        JsonNode revoked = server.apiOk("PUT", "/keys/signing/" + oldKid + "/revoke", null, 200);
        assertThat(revoked.path("kid").asText()).isEqualTo(oldKid);

        assertThat(jwksKids()).contains(newKid).doesNotContain(oldKid);
        assertThat(verifiesAgainstJwks(before)).isFalse();
        // Management API tokens signed with the revoked key stop working too
        ApiTests.assertError(server.api("GET", "/keys/signing", null, adminBefore), 401, "invalid_token");
        String fresh = server.accessToken(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET, server.managementAudience());
        JsonNode gone = server.api("GET", "/keys/signing/" + oldKid, null, fresh).json();
        assertThat(gone.path("revoked").asBoolean()).isTrue();
        assertThat(gone.path("published").asBoolean()).isFalse();
        assertThat(gone.has("revoked_at")).isTrue();
        ApiTests.assertError(server.api("PUT", "/keys/signing/" + oldKid + "/revoke", null, fresh), 400, "operation_not_supported");
        server.restart();
    }

    @Test
    void rotateRotatesEveryAlgorithmInUse() throws Exception {
        server.createApiSigned("https://api.example.com/es", "ES256");
        JsonNode rotated = server.apiOk("POST", "/keys/signing/rotate", null, 201);
        assertThat(rotated.path("keys").findValuesAsText("alg")).containsExactly("RS256", "ES256");
        awaitSigningWith(rotated.path("kid").asText());
        Thread.sleep(100);
        JsonNode keys = server.apiOk("GET", "/keys/signing", null, 200);
        var current = new java.util.HashMap<String, String>();
        var next = new java.util.ArrayList<String>();
        keys.forEach(k -> {
            if (k.path("current").asBoolean()) assertThat(current.put(k.path("alg").asText(), k.path("kid").asText())).isNull();
            if (k.path("next").asBoolean()) next.add(k.path("alg").asText());
        });
        assertThat(current).containsEntry("RS256", rotated.path("keys").get(0).path("kid").asText())
                .containsEntry("ES256", rotated.path("keys").get(1).path("kid").asText());
        assertThat(next).containsExactlyInAnyOrder("RS256", "ES256");
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
