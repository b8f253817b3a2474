package io.tokenhook.oauth;

import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed token requests get a 4xx in the OAuth envelope: never a 500, a stack trace or a token. */
class TokenBadInputTest {
    private static final String AUDIENCE = "https://api.example.com/bad-input";
    private static TestServer server;
    private static TestServer.App app;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        app = server.appWithGrant(AUDIENCE, List.of("read"), List.of("read"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private String validForm() {
        return "grant_type=client_credentials&client_id=" + app.clientId() + "&client_secret=" + app.clientSecret()
                + "&audience=" + AUDIENCE;
    }

    private static void assertRejected(TestServer.Response r, int status, String error) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isEqualTo(error);
        assertThat(r.json().get("error_description").asText()).isNotBlank();
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("io.tokenhook").doesNotContain("\tat ");
    }

    @Test
    void unknownOrMalformedCharsetIsInvalidRequest() {
        for (String charset : new String[] {"; charset=no-such-charset", "; charset=\u00e9bc", "; charset=utf-16"}) {
            assertRejected(server.tokenRaw("application/x-www-form-urlencoded" + charset, validForm().getBytes()), 400, "invalid_request");
        }
    }

    @Test
    void malformedJsonIsInvalidRequest() {
        assertRejected(server.tokenRaw("application/json", "{\"grant_type\": \"client_credentials\",".getBytes()), 400, "invalid_request");
    }

    @Test
    void jsonArrayBodyIsInvalidRequest() {
        assertRejected(server.tokenRaw("application/json", "[1,2]".getBytes()), 400, "invalid_request");
    }

    @Test
    void jsonWithObjectValueIsInvalidRequest() {
        assertRejected(server.tokenRaw("application/json", "{\"grant_type\":{\"a\":1}}".getBytes()), 400, "invalid_request");
    }

    @Test
    void jsonWithUnpairedSurrogateIsInvalidRequest() {
        String escaped = "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + app.clientId() + "\",\"client_secret\":\""
                + app.clientSecret() + "\",\"audience\":\"" + AUDIENCE + "\\udc00\"}";
        assertRejected(server.tokenRaw("application/json", escaped.getBytes(StandardCharsets.UTF_8)), 400, "invalid_request");
        // an otherwise valid request with one extra parameter whose name is bytes past U+10FFFF
        byte[] valid = escaped.replace("\\udc00", "").getBytes(StandardCharsets.UTF_8);
        var beyondUnicode = new java.io.ByteArrayOutputStream();
        beyondUnicode.write(valid, 0, valid.length - 1);
        beyondUnicode.writeBytes(new byte[] {',', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', ':', '"', 'x', '"', '}'});
        assertThat(server.tokenRaw("application/json", valid).status()).isEqualTo(200);
        assertRejected(server.tokenRaw("application/json", beyondUnicode.toByteArray()), 400, "invalid_request");
    }

    @Test
    void jsonWithDuplicateKeyIsInvalidRequest() {
        String body = "{\"grant_type\":\"client_credentials\",\"audience\":\"a\",\"audience\":\"b\"}";
        assertRejected(server.tokenRaw("application/json", body.getBytes()), 400, "invalid_request");
    }

    @Test
    void wrongContentTypeIsInvalidRequest() {
        assertRejected(server.tokenRaw("text/plain", validForm().getBytes()), 400, "invalid_request");
    }

    @Test
    void nonUtf8CharsetIsInvalidRequest() {
        assertRejected(server.tokenRaw("application/x-www-form-urlencoded; charset=ISO-8859-1", validForm().getBytes()), 400, "invalid_request");
    }

    @Test
    void bodyOver64KbIsRejected() {
        String big = validForm() + "&padding=" + "x".repeat(70 * 1024);
        var r = server.tokenRaw("application/x-www-form-urlencoded", big.getBytes());
        assertRejected(r, 413, "invalid_request");
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        var r = server.tokenRaw("application/x-www-form-urlencoded", (validForm() + "&audience=" + AUDIENCE).getBytes());
        assertRejected(r, 400, "invalid_request");
        assertThat(r.json().get("error_description").asText()).contains("audience");
    }

    @Test
    void nonUtf8BytesAreInvalidRequest() {
        byte[] prefix = (validForm() + "&note=").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + 2];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        assertRejected(server.tokenRaw("application/x-www-form-urlencoded", body), 400, "invalid_request");
        assertRejected(server.tokenRaw("application/x-www-form-urlencoded", (validForm() + "&note=%C3%28").getBytes()), 400, "invalid_request");
    }

    @Test
    void brokenPercentEncodingIsInvalidRequest() {
        assertRejected(server.tokenRaw("application/x-www-form-urlencoded", (validForm() + "&x=%G1").getBytes()), 400, "invalid_request");
        assertRejected(server.tokenRaw("application/x-www-form-urlencoded", (validForm() + "&x=%4").getBytes()), 400, "invalid_request");
    }

    @Test
    void emptyBodyIsMissingGrantType() {
        assertRejected(server.tokenRaw("application/x-www-form-urlencoded", new byte[0]), 400, "invalid_request");
        assertRejected(server.tokenRaw(null, new byte[0]), 400, "invalid_request");
    }

    @Test
    void controlCharactersInGrantTypeAreNotEchoed() {
        var r = server.tokenRaw("application/x-www-form-urlencoded", "grant_type=%0A%1Bevil".getBytes());
        assertRejected(r, 400, "unsupported_grant_type");
        assertThat(r.json().get("error_description").asText()).doesNotContain("\n").doesNotContain("\u001b");
    }

    @Test
    void serverStillIssuesTokensAfterBadInput() {
        var r = server.tokenRaw("application/x-www-form-urlencoded", validForm().getBytes());
        assertThat(r.status()).isEqualTo(200);
    }
}
