package io.tokenhook.app;

import io.tokenhook.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real process (on this run's store): SIGTERM stops it cleanly and every queued log event reaches the database first. */
class GracefulShutdownTest {

    @Test
    void sigtermFlushesQueuedEventsBeforeExit() throws Exception {
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-sigterm"))) {
            sigtermFlushesQueuedEventsBeforeExit(db);
        }
    }

    private static void sigtermFlushesQueuedEventsBeforeExit(TestDatabase db) throws Exception {
        Path dir = db.dataDir();
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.tokenhook.app.Main", "serve", "--port", String.valueOf(port), "--data-dir", dir.toString(), "--host", "127.0.0.1",
                // the events are 200 failed authentications from one address: without this the back-off refuses most
                "--auth-backoff-after", "0"));
        if (db.dbUrl() != null) command.addAll(List.of("--db", db.dbUrl()));
        var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().put("TOKENHOOK_ADMIN_CLIENT_ID", "sigtermAdmin");
        pb.environment().put("TOKENHOOK_ADMIN_CLIENT_SECRET", "sigterm-admin-secret-0123456789");
        pb.environment().putAll(db.env());
        Process process = pb.start();
        try {
            var http = HttpClient.newHttpClient();
            waitHealthy(http, port);
            int requests = 200;
            for (int i = 0; i < requests; i++) {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=sigtermAdmin&client_secret=wrong-" + i
                                + "&audience=x")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(401);
            }
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            try (var c = db.connect();
                 var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM log_events WHERE type = 'feccft'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(requests);
            }
        } finally {
            process.destroyForcibly();
        }
    }

    private static void waitHealthy(HttpClient http, int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server did not become healthy");
    }
}
