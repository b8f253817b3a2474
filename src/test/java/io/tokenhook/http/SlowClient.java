package io.tokenhook.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A slowloris client on a connected socket (plain or TLS): what the request read timeout must cut off. */
final class SlowClient {
    private SlowClient() {}

    /**
     * Sends {@code head}, then one more byte every 100 ms (each far inside the idle timeout, so only the read timeout
     * can end it), for at most {@code atMost}; returns how long after the head the server closed the connection.
     */
    static Duration trickleUntilClosed(Socket socket, String head, Duration atMost) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long start = System.nanoTime();
        while (System.nanoTime() - start < atMost.toNanos()) {
            try {
                out.write('a');
                out.flush();
                Thread.sleep(100);
            } catch (SocketException e) {
                return Duration.ofNanos(System.nanoTime() - start);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            if (closedByServer(socket)) return Duration.ofNanos(System.nanoTime() - start);
        }
        throw new AssertionError("the server kept a request arriving for " + atMost);
    }

    /** Whether the server has closed its side: a read that ends (or fails) without waiting. */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(1);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }
}
