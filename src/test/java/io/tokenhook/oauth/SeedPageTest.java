package io.tokenhook.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Use Hooks with Client Credentials Grant", step by step through the Management API: the token carries
 * {@code https://foo.com/claim: bar} and the scope {@code read:data extra}.
 */
class SeedPageTest {
    static final String SEED_HOOK = io.tokenhook.support.SeedHook.SCRIPT;
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
    void seedHookAddsClaimAndScope() throws Exception {
        // Before you start: an API with scopes and an M2M application authorized for it
        var app = server.appWithGrant("https://api.example.com/data", List.of("read:data"), List.of("read:data"));
        // Create the hook (Client Credentials Exchange), enabled
        var hook = server.apiOk("POST", "/hooks", Map.of("name", "client-credentials-exchange-hook", "script", SEED_HOOK,
                "triggerId", "credentials-exchange", "enabled", true), 201);
        assertThat(hook.get("enabled").asBoolean()).isTrue();
        assertThat(hook.get("id").asText()).hasSize(26);

        // Test your hook
        var r = server.tokenForm(params("grant_type", "client_credentials", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "audience", "https://api.example.com/data"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("scope").asText()).isEqualTo("read:data extra");
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("expires_in").asLong()).isEqualTo(86400);

        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(server.get("/.well-known/jwks.json").text()))));
        var claims = processor.process(r.json().get("access_token").asText(), null);
        assertThat(claims.getStringClaim("https://foo.com/claim")).isEqualTo("bar");
        assertThat(claims.getStringClaim("scope")).isEqualTo("read:data extra");
        // "Look into the last two items of the Payload": scope, then the hook's claim
        var names = List.copyOf(claims.toJSONObject().keySet());
        String payload = new String(java.util.Base64.getUrlDecoder().decode(r.json().get("access_token").asText().split("\\.")[1]));
        assertThat(payload).endsWith("\"scope\":\"read:data extra\",\"https://foo.com/claim\":\"bar\"}");
        assertThat(names).contains("iss", "sub", "aud", "iat", "exp", "gty", "azp", "jti");

        // The exchange is logged with the hook that ran
        var seccft = server.awaitLog("type:seccft AND client_id:" + app.clientId());
        assertThat(seccft.get("details").get("hook").get("name").asText()).isEqualTo("client-credentials-exchange-hook");
        assertThat(seccft.get("hook_id").asText()).isEqualTo(hook.get("id").asText());
    }
}
