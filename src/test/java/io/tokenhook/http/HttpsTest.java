package io.tokenhook.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenhook.app.Config;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.support.TestServer;
import io.tokenhook.support.TestTls;
import io.tokenhook.support.TestTls.KeyFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTPS on a real port: {@code serve --tls-self-signed} with clients that trust only the generated {@code ca.pem},
 * and {@code --tls-cert/--tls-key} with a certificate the test issues.
 */
class HttpsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static Path ca;

    @BeforeAll
    static void start() {
        server = TestServer.startWithTls(TestDatabase.tempDir("tokenhook-tls"), Map.of(), new Config.Tls(null, null, true), null);
        ca = server.dataDir().resolve("ca.pem");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tokenExchangeOverHttpsWhenClientTrustsTheGeneratedCaThenIssuedWithHttpsIssuer() throws Exception {
        var app = server.appWithGrant("https://api.example.com/tls", List.of("read:data"), List.of("read:data"));

        var r = server.tokenForm(params("grant_type", "client_credentials", "client_id", app.clientId(),
                "client_secret", app.clientSecret(), "audience", "https://api.example.com/tls"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        String issuer = "https://localhost:" + server.port() + "/";
        var claims = JSON.readTree(Base64.getUrlDecoder().decode(r.json().get("access_token").asText().split("\\.")[1]));
        assertThat(claims.get("iss").asText()).isEqualTo(issuer);
        var discovery = server.get("/.well-known/openid-configuration").json();
        assertThat(discovery.get("issuer").asText()).isEqualTo(issuer);
        assertThat(discovery.get("token_endpoint").asText()).isEqualTo(issuer + "oauth/token");
    }

    @Test
    void slowClientsOverTlsWhenTheirHandshakeOrHeadersTrickleThenCutOffAfterTheDefaultReadTimeout() throws Exception {
        // both at once, to wait for the 10 s default only once
        var handshake = CompletableFuture.supplyAsync(() -> {
            try (var socket = new Socket("127.0.0.1", server.port())) {
                // a TLS handshake record announcing 512 bytes, which then come a byte at a time
                return SlowClient.trickleUntilClosed(socket, "\u0016\u0003\u0001\u0002\u0000", Duration.ofSeconds(20));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Duration headers;
        try (var socket = (SSLSocket) TestTls.trusting(ca).getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.startHandshake();
            headers = SlowClient.trickleUntilClosed(socket, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ",
                    Duration.ofSeconds(20));
        }

        // 10 s by default, swept every second: cut off within about 12 s
        assertThat(headers).isBetween(Duration.ofMillis(9_800), Duration.ofSeconds(13));
        assertThat(handshake.get()).isBetween(Duration.ofMillis(9_800), Duration.ofSeconds(13));
    }

    @Test
    void hostnameVerificationWhenLocalhostOr127001ThenSucceedsAndOtherNamesFail() throws Exception {
        var client = HttpClient.newBuilder().sslContext(TestTls.trusting(ca)).connectTimeout(Duration.ofSeconds(5)).build();
        for (String host : List.of("localhost", "127.0.0.1")) {
            var response = client.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + server.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(host).isEqualTo(200);
        }
        assertThat(handshake("localhost", "localhost").getPeerCertificates()).hasSize(2); // the server's, then the CA's

        assertThatThrownBy(() -> handshake("127.0.0.1", "example.com")).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("example.com");
    }

    @Test
    void protocolsWhenTls13Or12ThenSpokenAndTls11ThenRefused() throws Exception {
        assertThat(handshake("localhost", "localhost", "TLSv1.3").getProtocol()).isEqualTo("TLSv1.3");
        assertThat(handshake("localhost", "localhost", "TLSv1.2").getProtocol()).isEqualTo("TLSv1.2");

        // the JDK's client will not offer TLS 1.1 at all, so the hello is written by hand
        assertThat(firstRecord(clientHello(0x0303))).as("a TLS 1.2 hello gets a ServerHello").startsWith(22, 2);
        assertThat(firstRecord(clientHello(0x0302))).as("a TLS 1.1 hello gets the alert protocol_version").containsExactly(21, 2, 70);
    }

    @Test
    void cipherSuitesWhenTheClientOffersOnlyCbcThenRefused() throws Exception {
        assertThat(handshake("localhost", "localhost", new String[] {"TLSv1.2"}, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").getCipherSuite())
                .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

        assertThatThrownBy(() -> handshake("localhost", "localhost", new String[] {"TLSv1.2"}, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void hstsWhenUnderTlsThenOnEveryResponse() {
        var responses = List.of(server.get("/healthz"), server.get("/no-such-page"), server.get("/.well-known/jwks.json"),
                server.tokenForm(params("grant_type", "client_credentials", "client_id", "nobody", "client_secret", "x", "audience", "a")));

        assertThat(responses).extracting(TestServer.Response::status).containsExactly(200, 404, 200, 401);
        assertThat(responses).allSatisfy(r -> assertThat(r.header("Strict-Transport-Security")).isEqualTo("max-age=31536000"));
    }

    @Test
    void plainHttpWhenSentToTheTlsPortThenNoTokenAndTheConnectionCloses() throws Exception {
        String body = TestServer.form(params("grant_type", "client_credentials", "client_id", TestServer.ADMIN_ID,
                "client_secret", TestServer.ADMIN_SECRET, "audience", server.managementAudience()));
        String request = "POST /oauth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;

        String answer;
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            answer = new String(readUntilClosed(socket), StandardCharsets.ISO_8859_1);
        }

        assertThat(answer).doesNotContain("access_token").doesNotStartWith("HTTP/1.1 200");
    }

    @Test
    void restartWhenSelfSignedThenTheSameCaAndCertificateAreServed() throws Exception {
        byte[] caBefore = Files.readAllBytes(ca);
        var certBefore = handshake("localhost", "localhost").getPeerCertificates()[0];

        server.restart();

        assertThat(Files.readAllBytes(ca)).isEqualTo(caBefore);
        assertThat(handshake("localhost", "localhost").getPeerCertificates()[0]).isEqualTo(certBefore);
        assertThat(server.get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void operatorsCertificateAndKeyWhenGivenThenServedAndTokensIssued() throws Exception {
        Path dir = TestDatabase.tempDir("tokenhook-tls-own");
        var issued = TestTls.issue(dir.resolve("pki"), "EC", KeyFormat.TRADITIONAL);

        try (var own = TestServer.startWithTls(dir, Map.of(), new Config.Tls(issued.certFile(), issued.keyFile(), false), issued.caFile())) {
            assertThat(own.adminToken()).isNotBlank();
            assertThat(own.get("/healthz").header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
            try (var socket = (SSLSocket) TestTls.trusting(issued.caFile()).getSocketFactory().createSocket("localhost", own.port())) {
                socket.startHandshake();
                assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(issued.certificate());
            }
        }
        assertThat(dir.resolve("ca.pem")).doesNotExist();
    }

    /** A TLS handshake with the server on {@code address}, checking the certificate against {@code hostname}. */
    private static SSLSession handshake(String address, String hostname, String... protocols) throws IOException {
        return handshake(address, hostname, protocols, new String[0]);
    }

    /** The same, offering only {@code protocols} (all the client's when empty) and {@code suites} (the same). */
    private static SSLSession handshake(String address, String hostname, String[] protocols, String... suites) throws IOException {
        var plain = new Socket(address, server.port());
        try (var socket = (SSLSocket) TestTls.trusting(ca).getSocketFactory().createSocket(plain, hostname, server.port(), true)) {
            var parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (protocols.length > 0) parameters.setProtocols(protocols);
            if (suites.length > 0) parameters.setCipherSuites(suites);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket.getSession();
        }
    }

    /**
     * A ClientHello offering {@code version} only (no supported_versions extension), with ECDHE suites for TLS 1.2
     * and for TLS 1.0/1.1, the P-256 group and ECDSA/RSA signature schemes.
     */
    private static byte[] clientHello(int version) {
        var extensions = new ByteArrayOutputStream();
        writeExtension(extensions, 0x000a, new byte[] {0, 4, 0x00, 0x17, 0x00, 0x1d});                    // supported_groups
        writeExtension(extensions, 0x000b, new byte[] {1, 0});                                           // ec_point_formats
        writeExtension(extensions, 0x000d, new byte[] {0, 6, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01});       // signature_algorithms
        var hello = new ByteArrayOutputStream();
        writeShort(hello, version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        hello.writeBytes(random);
        hello.write(0);                                                                                 // no session id
        int[] suites = {0xC02B, 0xC02F, 0xC009, 0xC013, 0xC00A, 0xC014};
        writeShort(hello, suites.length * 2);
        for (int suite : suites) writeShort(hello, suite);
        hello.writeBytes(new byte[] {1, 0});                                                            // no compression
        writeShort(hello, extensions.size());
        hello.writeBytes(extensions.toByteArray());
        var record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {22, 3, 1});                                                       // handshake, TLS 1.0 record
        writeShort(record, hello.size() + 4);
        record.write(1);                                                                                // client_hello
        record.writeBytes(new byte[] {0, (byte) (hello.size() >> 8), (byte) hello.size()});
        record.writeBytes(hello.toByteArray());
        return record.toByteArray();
    }

    private static void writeExtension(ByteArrayOutputStream out, int type, byte[] data) {
        writeShort(out, type);
        writeShort(out, data.length);
        out.writeBytes(data);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }

    /** Sends {@code hello} and returns the first record's content type, then its first two bytes of content. */
    private static List<Integer> firstRecord(byte[] hello) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(hello);
            var in = new DataInputStream(socket.getInputStream());
            int type = in.readUnsignedByte();
            in.readUnsignedShort();                                                                     // record version
            in.readUnsignedShort();                                                                     // length
            return List.of(type, in.readUnsignedByte(), in.readUnsignedByte());
        }
    }

    private static byte[] readUntilClosed(Socket socket) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = socket.getInputStream().read(buffer); n >= 0; n = socket.getInputStream().read(buffer)) out.write(buffer, 0, n);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open: " + out.toString(StandardCharsets.ISO_8859_1));
        } catch (java.net.SocketException e) {
            // reset by the server: it said nothing more
        }
        return out.toByteArray();
    }
}
