package io.tokenhook.support;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of every secret the store seals, in use: an HS256 API ({@link #AUDIENCE}, its {@code signingSecret}), an
 * application granted it, and an enabled hook that copies its secret {@code API_TOKEN} into the claim {@link #CLAIM}.
 * A token then proves the server read both secrets back in clear.
 */
public record SealedSecrets(String clientId, String clientSecret, String signingSecret, String hookSecret) {
    public static final String AUDIENCE = "https://api.example.com/sealed";
    public static final String CLAIM = "https://example.com/secret";
    public static final String HOOK = """
            module.exports = function(client, scope, audience, context, cb) {
              cb(null, {'https://example.com/secret': context.webtask.secrets.API_TOKEN});
            };""";

    /** Creates them through the Management API. */
    public static SealedSecrets createOn(TestServer server) {
        String signingSecret = server.createApiSigned(AUDIENCE, "HS256", "read").get("signing_secret").asText();
        var app = server.createApp("sealed");
        server.grant(app.get("client_id").asText(), AUDIENCE, "read");
        String hookId = server.apiOk("POST", "/hooks", Map.of("name", "sealed", "script", HOOK,
                "triggerId", "credentials-exchange", "enabled", true), 201).get("id").asText();
        String hookSecret = "hook-secret-" + UUID.randomUUID();
        server.apiOk("POST", "/hooks/" + hookId + "/secrets", Map.of("API_TOKEN", hookSecret), 201);
        return new SealedSecrets(app.get("client_id").asText(), app.get("client_secret").asText(), signingSecret, hookSecret);
    }

    /** A token through the hook carries its secret and is signed with the HS256 secret. */
    public void assertExchangeWorks(TestServer server) throws Exception {
        var r = server.tokenFormThroughColdHook(params("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientSecret, "audience", AUDIENCE));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        var token = SignedJWT.parse(r.json().get("access_token").asText());
        assertThat(token.getJWTClaimsSet().getStringClaim(CLAIM)).isEqualTo(hookSecret);
        assertThat(token.verify(new MACVerifier(signingSecret.getBytes(StandardCharsets.UTF_8)))).isTrue();
    }

    /** Every one of them, to look for in a dump. */
    public SecretTraces traces() {
        return new SecretTraces().text("client secret", clientSecret).text("hook secret", hookSecret)
                .text("HS256 signing secret", signingSecret);
    }
}
