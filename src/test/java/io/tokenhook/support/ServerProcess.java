package io.tokenhook.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tokenhook as its own OS process ({@code java -cp <the test classpath> io.tokenhook.app.Main serve}) on a
 * {@link TestDatabase}, for tests of what only a real process shows: signals, a kill -9. Its output goes to
 * {@code out.log} in the data directory.
 */
public final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Every rate limit and the authentication back-off off, as for {@link TestServer}s: tests send much from one address. */
    public static final Map<String, String> NO_RATE_LIMITS = Map.of("TOKENHOOK_TOKEN_LIMIT_PER_CLIENT", "0",
            "TOKENHOOK_TOKEN_LIMIT_PER_IP", "0", "TOKENHOOK_API_LIMIT_PER_CALLER", "0", "TOKENHOOK_API_LIMIT_PER_IP", "0",
            "TOKENHOOK_AUTH_BACKOFF_AFTER", "0", "TOKENHOOK_AUTH_FAILURES_PER_CLIENT", "0");

    /**
     * Starts a server on {@code db} and {@code port} with the admin application {@code adminId} / {@code adminSecret}
     * and {@code env} added to its environment; returns once it is healthy.
     */
    public static ServerProcess start(TestDatabase db, int port, String adminId, String adminSecret, Map<String, String> env) {
        Path dir = db.dataDir();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.tokenhook.app.Main", "serve", "--port", String.valueOf(port), "--data-dir", dir.toString(), "--host", "127.0.0.1"));
        if (db.dbUrl() != null) command.addAll(List.of("--db", db.dbUrl()));
        var pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.log").toFile()));
        pb.environment().putAll(Map.of("TOKENHOOK_ADMIN_CLIENT_ID", adminId, "TOKENHOOK_ADMIN_CLIENT_SECRET", adminSecret));
        pb.environment().putAll(db.env());
        pb.environment().putAll(env);
        try {
            var server = new ServerProcess(pb.start(), port);
            server.awaitHealthy();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** The Management API's audience under the default issuer, {@code http://localhost:PORT/}. */
    public String managementAudience() {
        return "http://localhost:" + port + "/api/v2/";
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("the server exited with " + process.exitValue() + " before it was healthy");
            try {
                var r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "healthz")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(100);
        }
        throw new AssertionError("the server did not become healthy within 60 s");
    }

    /** SIGTERM, then waits for the exit; true when it exited within 30 s. */
    public boolean terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGKILL (kill -9: no shutdown hook runs, nothing is flushed), then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("the server survived SIGKILL");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
