package io.tokenhook.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The client credentials grant end to end: RFC 6749 §4.4 over real HTTP, tokens verified against the served JWKS. */
class ClientCredentialsExchangeTest {
    private static TestServer server;
    private static TestServer.App app;
    private static final String AUDIENCE = "https://api.example.com/data";

    @BeforeAll
    static void start() {
        server = TestServer.start();
        app = server.appWithGrant(AUDIENCE, List.of("read:data", "write:data", "admin"), List.of("read:data", "write:data"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JWTClaimsSet verifyWithJwks(String token) throws Exception {
        var jwks = JWKSet.parse(server.get("/.well-known/jwks.json").text());
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                java.util.Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256), new ImmutableJWKSet<>(jwks)));
        return processor.process(token, null);
    }

    @Test
    void exchangeWhenFormPostThenTokenVerifiesAgainstJwks() throws Exception {
        var r = server.tokenForm(params("grant_type", "client_credentials", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "audience", AUDIENCE));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.header("Pragma")).isEqualTo("no-cache");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(86400);
        assertThat(body.get("scope").asText()).isEqualTo("read:data write:data");

        var claims = verifyWithJwks(body.get("access_token").asText());
        assertThat(claims.getIssuer()).isEqualTo(server.issuer());
        assertThat(claims.getIssuer()).endsWith("/");
        assertThat(claims.getSubject()).isEqualTo(app.clientId() + "@clients");
        assertThat(claims.getAudience()).containsExactly(AUDIENCE);
        assertThat(claims.getStringClaim("scope")).isEqualTo("read:data write:data");
        assertThat(claims.getStringClaim("gty")).isEqualTo("client-credentials");
        assertThat(claims.getStringClaim("azp")).isEqualTo(app.clientId());
        assertThat(claims.getJWTID()).isNotBlank();
        long iat = claims.getIssueTime().toInstant().getEpochSecond();
        assertThat(iat).isCloseTo(Instant.now().getEpochSecond(), within(5L));
        assertThat(claims.getExpirationTime().toInstant().getEpochSecond() - iat).isEqualTo(86400);

        var header = SignedJWT.parse(body.get("access_token").asText()).getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(header.getType().toString()).isEqualTo("JWT");
        assertThat(header.getKeyID()).isEqualTo(JWKSet.parse(server.get("/.well-known/jwks.json").text()).getKeys().get(0).getKeyID());
    }

    @Test
    void exchangeWhenJsonBodyThenTokenIssued() {
        var r = server.tokenJson(Map.of("grant_type", "client_credentials", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "audience", AUDIENCE));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("scope").asText()).isEqualTo("read:data write:data");
    }

    @Test
    void exchangeWhenBasicAuthThenTokenIssued() throws Exception {
        String basic = Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret()).getBytes(StandardCharsets.UTF_8));
        var r = server.send(server.request("/oauth/token").header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&audience=" + AUDIENCE)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(verifyWithJwks(r.json().get("access_token").asText()).getSubject()).isEqualTo(app.clientId() + "@clients");
    }

    @Test
    void exchangeWhenScopeSubsetRequestedThenOnlyThoseScopes() throws Exception {
        var r = server.tokenForm(params("grant_type", "client_credentials", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "audience", AUDIENCE, "scope", "write:data"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("scope").asText()).isEqualTo("write:data");
        assertThat(verifyWithJwks(r.json().get("access_token").asText()).getStringClaim("scope")).isEqualTo("write:data");
    }

    @Test
    void exchangeWhenNothingGrantedThenScopeLeftOut() throws Exception {
        var noScopes = server.appWithGrant("https://api.example.com/empty", List.of("x"), List.of());
        var r = server.tokenForm(params("grant_type", "client_credentials", "client_id", noScopes.clientId(),
                "client_secret", noScopes.clientSecret(), "audience", "https://api.example.com/empty"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("scope")).isFalse();
        assertThat(verifyWithJwks(r.json().get("access_token").asText()).getClaim("scope")).isNull();
    }

    @Test
    void exchangeWhenApiHasCustomLifetimeThenExpiresInFollows() throws Exception {
        server.apiOk("POST", "/resource-servers", Map.of("identifier", "urn:short", "token_lifetime", 600), 201);
        var a = server.createApp("short-lived");
        server.grant(a.get("client_id").asText(), "urn:short");
        var r = server.tokenForm(params("grant_type", "client_credentials", "client_id", a.get("client_id").asText(),
                "client_secret", a.get("client_secret").asText(), "audience", "urn:short"));
        assertThat(r.json().get("expires_in").asLong()).isEqualTo(600);
        var claims = verifyWithJwks(r.json().get("access_token").asText());
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(600_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PS256", "ES256"})
    void exchangeWhenApiUsesAsymmetricAlgThenSignedWithPublishedTenantKey(String alg) throws Exception {
        String audience = "https://api.example.com/" + alg;
        server.createApiSigned(audience, alg, "read");
        var a = server.createApp("app " + alg);
        server.grant(a.get("client_id").asText(), audience, "read");
        var r = server.tokenForm(params("grant_type", "client_credentials", "client_id", a.get("client_id").asText(),
                "client_secret", a.get("client_secret").asText(), "audience", audience));
        assertThat(r.status()).isEqualTo(200);
        String token = r.json().get("access_token").asText();
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm().getName()).isEqualTo(alg);
        assertThat(verifyWithJwks(token).getAudience()).containsExactly(audience);
    }

    @Test
    void exchangeWhenApiUsesHs256ThenSignedWithItsSecret() throws Exception {
        var api = server.createApiSigned("https://api.example.com/hs", "HS256", "read");
        String secret = api.get("signing_secret").asText();
        var a = server.createApp("app hs");
        server.grant(a.get("client_id").asText(), "https://api.example.com/hs", "read");
        var r = server.tokenForm(params("grant_type", "client_credentials", "client_id", a.get("client_id").asText(),
                "client_secret", a.get("client_secret").asText(), "audience", "https://api.example.com/hs"));
        var jwt = SignedJWT.parse(r.json().get("access_token").asText());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.verify(new MACVerifier("another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(server.get("/.well-known/jwks.json").text()).doesNotContain(secret);
    }

    @Test
    void exchangeWhenRepeatedThenEachTokenHasItsOwnJti() throws Exception {
        var p = params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret", app.clientSecret(), "audience", AUDIENCE);
        String a = server.tokenForm(p).json().get("access_token").asText();
        String b = server.tokenForm(p).json().get("access_token").asText();
        assertThat(verifyWithJwks(a).getJWTID()).isNotEqualTo(verifyWithJwks(b).getJWTID());
    }

    @Test
    void exchangeWhenGrantChangesThenNextTokenFollowsWithoutRestart() throws Exception {
        var local = server.appWithGrant("https://api.example.com/live", List.of("a", "b"), List.of("a"));
        var p = params("grant_type", "client_credentials", "client_id", local.clientId(), "client_secret", local.clientSecret(),
                "audience", "https://api.example.com/live");
        assertThat(server.tokenForm(p).json().get("scope").asText()).isEqualTo("a");
        var grantId = server.apiOk("GET", "/client-grants?client_id=" + local.clientId(), null, 200).get(0).get("id").asText();
        server.apiOk("PATCH", "/client-grants/" + grantId, Map.of("scope", List.of("a", "b")), 200);
        assertThat(server.tokenForm(p).json().get("scope").asText()).isEqualTo("a b");
    }
}
