package io.tokenhook.app;

import io.tokenhook.support.ServerProcess;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real process (on this run's store): SIGTERM stops it cleanly and every queued log event reaches the database first. */
class GracefulShutdownTest {

    @Test
    void sigtermFlushesQueuedEventsBeforeExit() throws Exception {
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-sigterm"));
             // the events are 200 failed authentications from one address: without this the back-off refuses most
             var server = ServerProcess.start(db, TestServer.freePort(), "sigtermAdmin", "sigterm-admin-secret-0123456789",
                     Map.of("TOKENHOOK_AUTH_BACKOFF_AFTER", "0"))) {
            var http = HttpClient.newHttpClient();
            int requests = 200;
            for (int i = 0; i < requests; i++) {
                var r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=sigtermAdmin&client_secret=wrong-" + i
                                + "&audience=x")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(401);
            }
            assertThat(server.terminate()).as("exits after SIGTERM").isTrue();
            try (var c = db.connect();
                 var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM log_events WHERE type = 'feccft'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(requests);
            }
        }
    }
}
