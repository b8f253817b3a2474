package io.tokenhook.oauth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRequestParserTest {
    private static final String FORM = "application/x-www-form-urlencoded";

    private static TokenRequest parse(String contentType, String body, String authorization) {
        return TokenRequestParser.parse(contentType, body.getBytes(StandardCharsets.UTF_8), authorization);
    }

    @Test
    void parseWhenFormThenDecodesPlusAndPercent() {
        var r = parse(FORM, "grant_type=client_credentials&client_id=a%2Bb&client_secret=s+t&scope=read+write&audience=https%3A%2F%2Fx", null);
        assertThat(r.clientId()).isEqualTo("a+b");
        assertThat(r.clientSecret()).isEqualTo("s t");
        assertThat(r.scope()).isEqualTo("read write");
        assertThat(r.audience()).isEqualTo("https://x");
        assertThat(r.basicAuth()).isFalse();
    }

    @Test
    void parseWhenFormThenParametersHideCredentials() {
        var r = parse(FORM, "grant_type=client_credentials&client_id=a&client_secret=s&client_assertion=jwt&tier=gold", null);
        assertThat(r.parameters()).containsEntry("tier", "gold").containsEntry("client_id", "a")
                .doesNotContainKeys("client_secret", "client_assertion");
        assertThat(r.toString()).doesNotContain("s&").doesNotContain("secret=");
    }

    @Test
    void parseWhenContentTypeHasUtf8CharsetThenAccepted() {
        assertThat(parse(FORM + "; charset=UTF-8", "grant_type=x", null).grantType()).isEqualTo("x");
    }

    @Test
    void parseWhenBasicThenCredentialsAreFormDecoded() {
        String basic = Base64.getEncoder().encodeToString("my%3Aid:p%40ss".getBytes(StandardCharsets.UTF_8));
        var r = parse(FORM, "grant_type=client_credentials", "Basic " + basic);
        assertThat(r.clientId()).isEqualTo("my:id");
        assertThat(r.clientSecret()).isEqualTo("p@ss");
        assertThat(r.basicAuth()).isTrue();
    }

    @Test
    void parseWhenBasicAndBodyClientIdDifferThenRejected() {
        String basic = Base64.getEncoder().encodeToString("one:secret".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> parse(FORM, "client_id=two", "Basic " + basic))
                .isInstanceOfSatisfying(OAuthError.class, e -> assertThat(e.error()).isEqualTo("invalid_request"));
    }

    @Test
    void parseWhenBearerSchemeThenInvalidClient() {
        assertThatThrownBy(() -> parse(FORM, "grant_type=client_credentials", "Bearer abc"))
                .isInstanceOfSatisfying(OAuthError.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.basicChallenge()).isTrue();
                });
    }

    @Test
    void parseWhenJsonNumbersAndBooleansThenKeptAsText() {
        var r = parse("application/json", "{\"grant_type\":\"client_credentials\",\"n\":5,\"b\":true,\"z\":null}", null);
        assertThat(r.parameters()).containsEntry("n", "5").containsEntry("b", "true").doesNotContainKey("z");
    }

    @Test
    void parseWhenJsonHasTrailingContentThenRejected() {
        assertThatThrownBy(() -> parse("application/json", "{\"grant_type\":\"x\"} {}", null)).isInstanceOf(OAuthError.class);
    }

    @Test
    void parseWhenEmptyKeyValuePairsThenSkipped() {
        var r = parse(FORM, "&&grant_type=client_credentials&&", null);
        assertThat(r.grantType()).isEqualTo("client_credentials");
    }

    @Test
    void requestedScopesWhenSpacesRepeatThenTokensDeduplicated() {
        assertThat(ClientCredentialsGrant.requestedScopes(" a  b a ")).containsExactly("a", "b");
        assertThat(ClientCredentialsGrant.requestedScopes(null)).isEmpty();
        assertThatThrownBy(() -> ClientCredentialsGrant.requestedScopes("a\\b")).isInstanceOf(OAuthError.class);
    }
}
