package io.tokenhook.http;

import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keep-alive connections outlive a client's own pauses: auth0-deploy-cli gets its token, validates its input for
 * tens of seconds, then sends its first Management API call on the same connection and does not retry it when
 * the server has closed that connection meanwhile.
 */
class KeepAliveTest {
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
    void connectionWhenIdleLongerThanARequestMayStallThenStillServesTheNextRequest() throws Exception {
        try (var socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(10_000);
            var in = new DataInputStream(socket.getInputStream());
            assertThat(get(socket.getOutputStream(), in, "/healthz")).startsWith("HTTP/1.1 200");
            // the pause itself is the subject: past Jetty's default idle timeout (30 s), which closed such a
            // connection, and well within the 120 s a connection may now wait for its next request
            Thread.sleep(33_000);
            assertThat(get(socket.getOutputStream(), in, "/.well-known/jwks.json")).startsWith("HTTP/1.1 200");
        }
    }

    /** One GET on the connection; reads the status line, the headers and exactly Content-Length bytes of body. */
    private static String get(OutputStream out, DataInputStream in, String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed by the server after: " + head);
            head.append((char) b);
        }
        int length = head.toString().lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElseThrow();
        in.readFully(new byte[length]);
        return head.toString();
    }
}
