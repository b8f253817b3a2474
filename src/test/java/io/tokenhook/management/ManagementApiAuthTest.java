package io.tokenhook.management;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.store.StoreTx;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.tokenhook.management.ApiTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may call the Management API: bearer tokens, audiences, signatures, expiry and per-endpoint scopes (spec 4.0). */
class ManagementApiAuthTest {
    private static TestServer server;
    private static ApiTests.Caller readClientsOnly;
    private static ApiTests.Caller noScopes;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        readClientsOnly = ApiTests.managementCaller(server, "reader", "read:clients");
        noScopes = ApiTests.managementCaller(server, "nobody", "read:hooks");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Response withAuthorization(String value) {
        var r = server.request("/api/v2/clients").GET();
        if (value != null) r.header("Authorization", value);
        return server.send(r);
    }

    @Test
    void callWhenNoAuthorizationThenUnauthorized() {
        var r = withAuthorization(null);
        assertError(r, 401, null);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void callWhenMalformedAuthorizationThenUnauthorized() {
        assertError(withAuthorization("Basic " + Base64.getEncoder().encodeToString("a:b".getBytes())), 401, null);
        assertError(withAuthorization("Bearer"), 401, null);
        assertError(withAuthorization("Bearer garbage"), 401, "invalid_token");
        assertError(withAuthorization("Bearer a.b.c"), 401, "invalid_token");
        assertError(withAuthorization("Bearer " + server.adminToken() + "x"), 401, "invalid_token");
        assertThat(withAuthorization("bearer " + server.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void callWhenTokenForAnotherAudienceThenUnauthorized() {
        var app = server.appWithGrant("https://auth-other.example/", List.of("read:clients"), List.of("read:clients"));
        String token = server.accessToken(app.clientId(), app.clientSecret(), "https://auth-other.example/");
        var body = assertError(server.api("GET", "/clients", null, token), 401, "invalid_token");
        assertThat(body.get("message").asText()).containsIgnoringCase("audience");
    }

    @Test
    void callWhenSelfMintedTokenWithRealKeyThenOnlyUnexpiredAccepted() throws Exception {
        RSAKey key = currentRsaKey();
        var valid = claims(server.managementAudience(), server.issuer(), Instant.now().plusSeconds(300));
        assertThat(server.api("GET", "/clients", null, sign(key, key.getKeyID(), valid)).status()).isEqualTo(200);

        var expired = claims(server.managementAudience(), server.issuer(), Instant.now().minusSeconds(120));
        var body = assertError(server.api("GET", "/clients", null, sign(key, key.getKeyID(), expired)), 401, "invalid_token");
        assertThat(body.get("message").asText()).containsIgnoringCase("expired");

        var foreignIssuer = claims(server.managementAudience(), "https://evil.example/", Instant.now().plusSeconds(300));
        assertError(server.api("GET", "/clients", null, sign(key, key.getKeyID(), foreignIssuer)), 401, "invalid_token");
    }

    @Test
    void callWhenSignedByForeignKeyThenUnauthorized() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).generate();
        String realKid = currentRsaKey().getKeyID();
        var c = claims(server.managementAudience(), server.issuer(), Instant.now().plusSeconds(300));
        var body = assertError(server.api("GET", "/clients", null, sign(foreign, realKid, c)), 401, "invalid_token");
        assertThat(body.get("message").asText()).contains("Invalid signature");
        assertError(server.api("GET", "/clients", null, sign(foreign, "unknown-kid", c)), 401, "invalid_token");
    }

    @Test
    void callWhenSymmetricOrUnsignedTokenThenUnauthorized() throws Exception {
        var c = claims(server.managementAudience(), server.issuer(), Instant.now().plusSeconds(300));
        var hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(currentRsaKey().getKeyID()).build(), c);
        hs.sign(new MACSigner(new byte[32]));
        assertError(server.api("GET", "/clients", null, hs.serialize()), 401, "invalid_token");
        assertError(server.api("GET", "/clients", null, new PlainJWT(c).serialize()), 401, "invalid_token");
    }

    @Test
    void createClientWhenOnlyReadScopeThenInsufficientScope() {
        assertThat(server.api("GET", "/clients", null, readClientsOnly.token()).status()).isEqualTo(200);
        int before = server.apiOk("GET", "/clients?per_page=100", null, 200).size();
        var body = assertError(server.api("POST", "/clients", Map.of("name", "sneaky"), readClientsOnly.token()), 403, "insufficient_scope");
        assertThat(body.get("message").asText()).isEqualTo("Insufficient scope, expected any of: create:clients");
        assertThat(server.apiOk("GET", "/clients?per_page=100", null, 200).size()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource(delimiter = '|', value = {
            "GET    | /resource-servers              | read:resource_servers",
            "GET    | /resource-servers/x            | read:resource_servers",
            "POST   | /resource-servers              | create:resource_servers",
            "PATCH  | /resource-servers/x            | update:resource_servers",
            "DELETE | /resource-servers/x            | delete:resource_servers",
            "GET    | /clients                       | read:clients",
            "GET    | /clients/x                     | read:clients",
            "POST   | /clients                       | create:clients",
            "PATCH  | /clients/x                     | update:clients",
            "DELETE | /clients/x                     | delete:clients",
            "POST   | /clients/x/rotate-secret       | 'update:client_keys, update:clients'",
            "GET    | /client-grants                 | read:client_grants",
            "GET    | /client-grants/x               | read:client_grants",
            "POST   | /client-grants                 | create:client_grants",
            "PATCH  | /client-grants/x               | update:client_grants",
            "DELETE | /client-grants/x               | delete:client_grants",
            "GET    | /logs                          | read:logs",
            "GET    | /logs/x                        | read:logs"})
    void callWhenScopeMissingThenForbiddenNamingIt(String method, String path, String expected) {
        Object body = method.equals("POST") || method.equals("PATCH") ? Map.of("name", "x") : null;
        var error = assertError(server.api(method, path, body, noScopes.token()), 403, "insufficient_scope");
        assertThat(error.get("message").asText()).isEqualTo("Insufficient scope, expected any of: " + expected);
        // the first scope named is enough: with it the call gets past the scope check (to 2xx, 400 or 404)
        var holder = ApiTests.managementCaller(server, "holder of " + expected, expected.split(", ")[0]);
        assertThat(server.api(method, path, body, holder.token()).status()).isNotIn(401, 403);
    }

    @Test
    void callWhenUnknownRouteThenJsonNotFound() {
        for (String path : new String[]{"/nothing-here", "/clients/x/y/z", "/hooks-ish"}) {
            var r = server.api("GET", path, null);
            assertError(r, 404, null);
            assertThat(r.text()).doesNotContain("<html");
        }
        var anonymous = server.send(server.request("/api/v2/unknown").GET());
        assertError(anonymous, 404, null);
    }

    @Test
    void callWhenWrongMethodThenJsonEnvelopeNeverHtml() {
        for (String[] call : new String[][]{{"PUT", "/clients"}, {"DELETE", "/clients"}, {"PUT", "/resource-servers/x"},
                {"POST", "/logs"}, {"PATCH", "/client-grants"}}) {
            var r = server.send(server.request("/api/v2" + call[1]).header("Authorization", "Bearer " + server.adminToken())
                    .method(call[0], HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
            assertThat(r.status()).as("%s %s", call[0], call[1]).isIn(404, 405);
            assertError(r, r.status(), null);
            assertThat(r.text()).doesNotContain("<html");
        }
    }

    // ---- tokens minted by the test

    private static JWTClaimsSet claims(String audience, String issuer, Instant exp) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(TestServer.ADMIN_ID + "@clients")
                .claim("azp", TestServer.ADMIN_ID).claim("scope", "read:clients")
                .issueTime(Date.from(exp.minusSeconds(3600))).expirationTime(Date.from(exp)).jwtID("test-" + exp).build();
    }

    private static String sign(RSAKey key, String kid, JWTClaimsSet claims) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The server's current RS256 key pair, read from its store (the test plays an insider holding the master key too). */
    private static RSAKey currentRsaKey() throws Exception {
        try (var store = server.database().openStore()) {
            var key = store.read(StoreTx::signingKeys).stream()
                    .filter(k -> k.alg().equals("RS256") && k.currentSince() != null && k.currentUntil() == null
                            && k.revokedAt() == null)
                    .findFirst().orElseThrow();
            return RSAKey.parse(key.privateJwk());
        }
    }
}
