package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.tokenhook.management.ApiTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Every write endpoint refuses broken bodies in the Auth0 envelope, and a refused write changes nothing. */
class ManagementApiBadInputTest {
    private static final String AUDIENCE = "https://bad-input.example/";
    private static TestServer server;
    private static String apiId;
    private static String clientId;
    private static String grantId;
    private static List<JsonNode> before;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        apiId = server.createApi(AUDIENCE, "read:a").get("id").asText();
        clientId = server.createApp("target").get("client_id").asText();
        grantId = server.grant(clientId, AUDIENCE, "read:a").get("id").asText();
        before = state();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void nothingChanged() {
        assertThat(state()).isEqualTo(before);
    }

    private static List<JsonNode> state() {
        var s = new ArrayList<JsonNode>();
        for (String path : List.of("/resource-servers", "/clients", "/client-grants")) {
            s.add(server.apiOk("GET", path + "?per_page=100", null, 200));
        }
        return s;
    }

    /** A bad body: content type, bytes, expected status, errorCode, and a fragment of the message (or null). */
    record Bad(String name, String contentType, byte[] body, int status, String errorCode, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Bad> badBodies() {
        byte[] nonUtf8 = concat("{\"name\":\"".getBytes(StandardCharsets.US_ASCII), new byte[]{(byte) 0xff, (byte) 0xfe, (byte) 0xc3},
                "\"}".getBytes(StandardCharsets.US_ASCII));
        return List.of(
                new Bad("malformed JSON", "application/json", utf8("{\"name\": \"x\","), 400, "invalid_body", "Malformed JSON"),
                new Bad("single quotes", "application/json", utf8("{'name': 'x'}"), 400, "invalid_body", "Malformed JSON"),
                new Bad("trailing tokens", "application/json", utf8("{\"name\":\"x\"} {}"), 400, "invalid_body", "Malformed JSON"),
                new Bad("duplicate keys", "application/json", utf8("{\"name\":\"x\",\"name\":\"y\"}"), 400, "invalid_body", "Malformed JSON"),
                new Bad("empty body", "application/json", new byte[0], 400, "invalid_body", null),
                new Bad("JSON array", "application/json", utf8("[{\"name\":\"x\"}]"), 400, "invalid_body", "found type array"),
                new Bad("JSON string", "application/json", utf8("\"name\""), 400, "invalid_body", "found type string"),
                new Bad("JSON null", "application/json", utf8("null"), 400, "invalid_body", null),
                new Bad("text/plain", "text/plain", utf8("{\"name\":\"x\"}"), 415, "unsupported_media_type", null),
                new Bad("form encoded", "application/x-www-form-urlencoded", utf8("name=x"), 415, "unsupported_media_type", null),
                new Bad("no content type", null, utf8("{\"name\":\"x\"}"), 415, "unsupported_media_type", null),
                new Bad("body over 64 KB", "application/json", utf8("{\"name\":\"" + "a".repeat(70_000) + "\"}"), 413, "payload_too_large", null),
                new Bad("body over 256 KB", "application/json", utf8("{\"name\":\"" + "a".repeat(300_000) + "\"}"), 413, "payload_too_large", null),
                new Bad("non-UTF-8 bytes", "application/json; charset=utf-8", nonUtf8, 400, "invalid_body", "Malformed JSON"),
                new Bad("deep nesting", "application/json", utf8("{\"name\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"),
                        400, "invalid_body", "Malformed JSON"),
                // PostgreSQL cannot store NUL: refused on every store, before any check that might store it
                new Bad("NUL in a value", "application/json", utf8("{\"name\":\"a\\u0000b\"}"), 400, "invalid_body", "NUL character"),
                new Bad("NUL in a key", "application/json", utf8("{\"client_metadata\":{\"k\\u0000\":\"v\"}}"), 400, "invalid_body", "NUL character"),
                // an unpaired surrogate cannot be written back as UTF-8: escaped, or as bytes beyond U+10FFFF (F4 90 80 80)
                new Bad("unpaired surrogate escape", "application/json", utf8("{\"name\":\"a\\udc00b\"}"), 400, "invalid_body", "valid Unicode"),
                new Bad("high surrogate at the end", "application/json", utf8("{\"name\":\"a\\ud800\"}"), 400, "invalid_body", "valid Unicode"),
                new Bad("code point above U+10FFFF in a key", "application/json",
                        concat(utf8("{\"jwt_configuration\":{\"x"), new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, utf8("\":null}}")),
                        400, "invalid_body", "valid Unicode"),
                new Bad("charset without a value", "application/json; charset", utf8("{\"name\":\"x\"}"), 415, "unsupported_media_type", "charset"),
                new Bad("unknown charset", "application/json; charset=no-such-charset", utf8("{\"name\":\"x\"}"), 415,
                        "unsupported_media_type", "charset"));
    }

    static Stream<Arguments> writesWithBadBodies() {
        var writes = List.of(
                new String[]{"POST", "/resource-servers"}, new String[]{"PATCH", "/resource-servers/{api}"},
                new String[]{"POST", "/clients"}, new String[]{"PATCH", "/clients/{client}"},
                new String[]{"POST", "/client-grants"}, new String[]{"PATCH", "/client-grants/{grant}"});
        return writes.stream().flatMap(w -> badBodies().stream().map(b -> Arguments.of(w[0], w[1], b)));
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @MethodSource("writesWithBadBodies")
    void writeWhenBodyIsBadThenEnvelopeAndNothingChanged(String method, String template, Bad bad) {
        String path = template.replace("{api}", apiId).replace("{client}", clientId).replace("{grant}", grantId);
        var r = ApiTests.raw(server, method, path, bad.contentType(), bad.body());
        JsonNode error = assertError(r, bad.status(), bad.errorCode());
        if (bad.message() != null) assertThat(error.get("message").asText()).contains(bad.message());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/logs?q=client_id%3Aa%00b", "/logs?from=a%00b", "/clients?app_type=%00",
            "/client-grants?audience=x%00"})
    void queryWhenValueHoldsNulThenInvalidQueryString(String path) {
        assertError(server.api("GET", path, null), 400, "invalid_query_string");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
