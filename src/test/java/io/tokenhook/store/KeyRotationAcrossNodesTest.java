package io.tokenhook.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing key rotation on two nodes sharing PostgreSQL: the next key is in every node's JWKS before any node signs
 * with it, both nodes switch at the planned instant, and every token either node issues verifies throughout
 * against the other node's JWKS. Automatic rotation on several nodes rotates once per period, not once per node.
 */
class KeyRotationAcrossNodesTest {
    private static final String API = "https://api.example.com/rotation";

    /** One token as a client saw it: which node, when it was asked for and received, its key id. */
    private record Issued(String node, Instant sent, Instant received, String kid, boolean verifiedByOtherNode) {}

    @Test
    void bothNodesSwitchTogetherAndEveryTokenVerifiesThroughout() throws Exception {
        try (var a = TestServer.startOnPostgres(); var b = a.secondNode()) {
            var app = a.appWithGrant(API, List.of("read"), List.of("read"));
            awaitToken(b, app);
            String oldKid = kid(a.accessToken(app.clientId(), app.clientSecret(), API));

            var issued = new ArrayList<Issued>();
            Instant end = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(end)) issued.addAll(oneRound(a, b, app));
            JsonNode rotated = a.apiOk("POST", "/keys/signing/rotate", null, 201);
            String newKid = rotated.path("kid").asText();
            Instant switchAt = Instant.parse(rotated.path("current_since").asText());
            // node B lists the next key before anyone signs with it: it hears of the rotation well within the delay
            while (!jwksKids(b).contains(newKid)) Thread.sleep(10);
            assertThat(Instant.now()).isBefore(switchAt);
            assertThat(jwksKids(b)).contains(oldKid);
            end = switchAt.plusSeconds(2);
            while (Instant.now().isBefore(end)) issued.addAll(oneRound(a, b, app));

            assertThat(issued).allSatisfy(t -> assertThat(t.verifiedByOtherNode()).as(t.toString()).isTrue());
            assertThat(issued).extracting(Issued::kid).containsOnly(oldKid, newKid);
            for (String node : List.of("a", "b")) {
                var ofNode = issued.stream().filter(t -> t.node().equals(node)).toList();
                // no token with the new key before the planned instant, none with the old one well after it
                assertThat(ofNode).filteredOn(t -> t.kid().equals(newKid))
                        .allSatisfy(t -> assertThat(t.received()).isAfterOrEqualTo(switchAt)).isNotEmpty();
                assertThat(ofNode).filteredOn(t -> t.kid().equals(oldKid))
                        .allSatisfy(t -> assertThat(t.sent()).isBefore(switchAt.plusMillis(500))).isNotEmpty();
            }
            Instant firstNewOnA = firstWith(issued, "a", newKid), firstNewOnB = firstWith(issued, "b", newKid);
            assertThat(Duration.between(firstNewOnA, firstNewOnB).abs()).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void automaticRotationOnSeveralNodesRotatesOncePerPeriod() throws Exception {
        Duration period = Duration.ofSeconds(3);
        try (var a = TestServer.startOnPostgres(); var b = a.nodeRotatingKeysEvery(period);
             var c = a.nodeRotatingKeysEvery(period)) {
            var app = a.appWithGrant(API, List.of("read"), List.of("read"));
            awaitToken(b, app);
            Thread.sleep(Duration.ofSeconds(10));

            // every key that signed, the first one made at start included: each current for at least a period
            List<Instant> switches = new ArrayList<>();
            for (JsonNode k : a.apiOk("GET", "/keys/signing", null, 200)) {
                if (k.path("alg").asText().equals("RS256") && k.has("current_since")) {
                    switches.add(Instant.parse(k.path("current_since").asText()));
                }
            }
            switches.sort(null);
            assertThat(switches.size()).isGreaterThanOrEqualTo(3);
            for (int i = 1; i < switches.size(); i++) {
                assertThat(Duration.between(switches.get(i - 1), switches.get(i))).isGreaterThanOrEqualTo(period);
            }
            JsonNode rotations = a.apiOk("GET", "/logs?q=" + java.net.URLEncoder.encode("type:sapi", java.nio.charset.StandardCharsets.UTF_8)
                    + "&per_page=100", null, 200);
            long automatic = 0;
            for (JsonNode e : rotations) {
                if (!e.path("description").asText().startsWith("Rotate the signing keys (every")) continue;
                automatic++;
                assertThat(e.path("details").path("actor").asText()).isEqualTo("tokenhook (automatic key rotation)");
                assertThat(e.path("details").path("operation").asText()).isEqualTo("rotate");
                assertThat(e.path("details").path("keys").size()).isEqualTo(1);
            }
            assertThat(automatic).isEqualTo(switches.size() - 1);
            // and tokens still verify on every node
            for (var node : List.of(a, b, c)) {
                String token = node.accessToken(app.clientId(), app.clientSecret(), API);
                assertThat(verifies(token, a)).isTrue();
            }
        }
    }

    private static List<Issued> oneRound(TestServer a, TestServer b, TestServer.App app) throws Exception {
        var round = new ArrayList<Issued>();
        for (var node : List.of(Map.entry("a", a), Map.entry("b", b))) {
            Instant sent = Instant.now();
            String token = node.getValue().accessToken(app.clientId(), app.clientSecret(), API);
            Instant received = Instant.now();
            TestServer other = node.getValue() == a ? b : a;
            round.add(new Issued(node.getKey(), sent, received, kid(token), verifies(token, other)));
        }
        return round;
    }

    private static Instant firstWith(List<Issued> issued, String node, String kid) {
        return issued.stream().filter(t -> t.node().equals(node) && t.kid().equals(kid)).map(Issued::received)
                .findFirst().orElseThrow();
    }

    private static void awaitToken(TestServer node, TestServer.App app) throws InterruptedException {
        var p = TestServer.params("grant_type", "client_credentials", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "audience", API);
        for (int i = 0; i < 50 && node.tokenForm(p).status() != 200; i++) Thread.sleep(100);
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static List<String> jwksKids(TestServer node) throws Exception {
        return JWKSet.parse(node.get("/.well-known/jwks.json").text()).getKeys().stream().map(k -> k.getKeyID()).toList();
    }

    private static boolean verifies(String token, TestServer node) throws Exception {
        var jwt = SignedJWT.parse(token);
        var key = JWKSet.parse(node.get("/.well-known/jwks.json").text()).getKeyByKeyId(jwt.getHeader().getKeyID());
        if (key == null) return false;
        JWSVerifier verifier = new RSASSAVerifier((RSAKey) key);
        return jwt.verify(verifier);
    }
}
