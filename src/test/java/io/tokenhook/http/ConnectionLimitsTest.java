package io.tokenhook.http;

import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Jetty accepts from a connection, over real sockets: header size (431), request read timeout (slowloris),
 * idle timeout, and the body limits of every kind of route.
 */
class ConnectionLimitsTest {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(1_500);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWith(Limits.NO_RATE_LIMITS.withConnections(8 * 1024, READ_TIMEOUT, IDLE_TIMEOUT));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void headersOverTheLimitGet431InTheEnvelopeOfThePath() {
        String padding = "x".repeat(9 * 1024);
        var api = server.send(server.request("/api/v2/clients").header("X-Padding", padding).GET());
        var token = server.send(server.request("/oauth/token").header("X-Padding", padding)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

        assertThat(api.status()).isEqualTo(431);
        assertThat(api.header("Content-Type")).startsWith("application/json");
        assertThat(api.json().get("statusCode").asInt()).isEqualTo(431);
        assertThat(api.json().get("error").asText()).isEqualTo("Request Header Fields Too Large");
        assertThat(api.json().get("errorCode").asText()).isEqualTo("headers_too_large");
        assertThat(token.status()).isEqualTo(431);
        assertThat(token.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(token.json().get("error_description").asText()).isEqualTo("Request headers are too large");
        for (var r : java.util.List.of(api, token)) assertThat(r.text()).doesNotContain("Jetty").doesNotContain("<html");
        assertThat(server.metric("tokenhook_limit_rejections_total{limit=\"header_size\"}")).isEqualTo(2);
    }

    @Test
    void headersUnderTheLimitPass() {
        var r = server.send(server.request("/healthz").header("X-Padding", "x".repeat(7 * 1024)).GET());

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void aClientSendingItsHeadersByteByByteIsCutOffAfterTheReadTimeout() throws IOException {
        Duration took = trickleUntilClosed("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");

        assertThat(took).isBetween(READ_TIMEOUT.minusMillis(200), READ_TIMEOUT.plusSeconds(2));
        assertThat(server.metric("tokenhook_limit_rejections_total{limit=\"request_read_timeout\"}")).isPositive();
    }

    @Test
    void aClientSendingItsBodyByteByByteIsCutOffAfterTheReadTimeout() throws IOException {
        Duration took = trickleUntilClosed("POST /oauth/token HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n");

        assertThat(took).isBetween(READ_TIMEOUT.minusMillis(200), READ_TIMEOUT.plusSeconds(2));
    }

    @Test
    void aKeepAliveConnectionMayWaitBetweenRequestsLongerThanTheReadTimeout() throws Exception {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            assertThat(exchange(socket)).startsWith("HTTP/1.1 200");
            Thread.sleep(READ_TIMEOUT.plusMillis(700).toMillis());   // idle, not arriving: only the idle timeout applies
            assertThat(exchange(socket)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aNewConnectionThatSendsNothingIsClosedAfterTheReadTimeout() throws IOException {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            assertThat(timeUntilClosed(socket)).isBetween(READ_TIMEOUT.minusMillis(200), READ_TIMEOUT.plusSeconds(2));
        }
    }

    @Test
    void aConnectionSilentAfterARequestIsClosedAfterTheIdleTimeout() throws IOException {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            assertThat(exchange(socket)).startsWith("HTTP/1.1 200");

            assertThat(timeUntilClosed(socket)).isBetween(IDLE_TIMEOUT.minusMillis(200), IDLE_TIMEOUT.plusSeconds(2));
        }
    }

    @Test
    void withoutTrustedProxiesXForwardedForIsIgnored() {
        server.send(server.request("/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", "203.0.113.9").POST(HttpRequest.BodyPublishers.ofString(TestServer.form(
                        TestServer.params("grant_type", "client_credentials", "client_id", "forwarded", "client_secret", "x")))));

        assertThat(server.awaitLog("client_id:forwarded").get("ip").asText()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "/oauth/token, application/x-www-form-urlencoded, 65537, error, invalid_request",
            "/api/v2/clients, application/json, 65537, errorCode, payload_too_large",
            "/api/v2/hooks, application/json, 262145, errorCode, payload_too_large",
            "/api/v2/hooks/some-id/secrets, application/json, 65537, errorCode, payload_too_large",
            "/login, application/x-www-form-urlencoded, 262145, errorCode, payload_too_large"})
    void everyRouteRefusesABodyOverItsLimit(String path, String contentType, int size, String field, String code) {
        byte[] body = "a".repeat(size).getBytes(StandardCharsets.US_ASCII);
        var withLength = server.send(server.request(path).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + server.adminToken()).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        // without Content-Length: the body arrives chunked and is counted as it is read
        var chunked = server.send(server.request(path).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + server.adminToken())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));

        for (var r : java.util.List.of(withLength, chunked)) {
            assertThat(r.status()).as(r.text()).isEqualTo(413);
            assertThat(r.json().get(field).asText()).isEqualTo(code);
            assertThat(r.text()).doesNotContain("Exception").doesNotContain("io.tokenhook");
        }
    }

    @ParameterizedTest(name = "{0} levels")
    @CsvSource({"32, Additional properties not allowed", "33, Malformed JSON"})
    void jsonBodiesNestDeeperThan32LevelsNever(int depth, String message) {
        // the body object is the first level
        String nested = "{\"x\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
        var r = server.api("POST", "/clients", nested);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains(message);
    }

    private static Duration trickleUntilClosed(String head) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            return SlowClient.trickleUntilClosed(socket, head, Duration.ofSeconds(10));
        }
    }

    /** How long until the server closes {@code socket}, which sends nothing meanwhile. */
    private static Duration timeUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout((int) IDLE_TIMEOUT.plusSeconds(3).toMillis());
        long start = System.nanoTime();
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Sends GET /healthz on a kept-alive connection; returns the response's head and body as read. */
    private static String exchange(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        var text = new StringBuilder();
        while (!text.toString().endsWith("}")) {
            int b = in.read();
            if (b < 0) break;
            text.append((char) b);
        }
        return text.toString();
    }
}
