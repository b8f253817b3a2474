package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v2/logs/stream}: live Server-Sent Events, filtered, with replay after a log id. */
class LogStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static TestServer.App app;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        app = server.appWithGrant("https://api.example.com/stream", List.of("s"), List.of("s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<Stream<String>> open(String query) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "api/v2/logs/stream" + query))
                .header("Authorization", "Bearer " + server.adminToken()).GET().build();
        var response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        return response;
    }

    /** Reads events until {@code count} have arrived (a background thread, so a silent stream fails the test). */
    private static List<JsonNode> read(Iterator<String> lines, int count) throws Exception {
        var events = new ArrayList<JsonNode>();
        var reader = new Thread(() -> {
            while (events.size() < count && lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data: ")) {
                    try {
                        synchronized (events) {
                            events.add(JSON.readTree(line.substring(6)));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });
        reader.setDaemon(true);
        reader.start();
        reader.join(Duration.ofSeconds(15).toMillis());
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    private static void exchange(String secret) {
        server.tokenForm(params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret", secret,
                "audience", "https://api.example.com/stream"));
    }

    @Test
    void streamDeliversNewEventsMatchingTheFilter() throws Exception {
        var response = open("?q=" + URLEncoder.encode("type:feccft AND client_id:" + app.clientId(), StandardCharsets.UTF_8));
        try (var lines = response.body()) {
            var it = lines.iterator();
            exchange(app.clientSecret());   // seccft: filtered out
            exchange("wrong-secret");      // feccft
            var events = read(it, 1);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("type").asText()).isEqualTo("feccft");
            assertThat(events.get(0).get("client_id").asText()).isEqualTo(app.clientId());
            assertThat(events.get(0).get("description").asText()).isEqualTo("Client authentication failed");
        }
    }

    @Test
    void streamWithFromReplaysWhatCameAfter() throws Exception {
        exchange(app.clientSecret());
        var first = server.awaitLog("type:seccft AND client_id:" + app.clientId());
        exchange("wrong-1");
        exchange("wrong-2");
        server.awaitLog("type:feccft AND client_id:" + app.clientId());
        var response = open("?from=" + first.get("log_id").asText() + "&q=" + URLEncoder.encode("client_id:" + app.clientId(), StandardCharsets.UTF_8));
        try (var lines = response.body()) {
            var events = read(lines.iterator(), 2);
            assertThat(events).hasSize(2);
            assertThat(events).allSatisfy(e -> assertThat(e.get("log_id").asText()).isGreaterThan(first.get("log_id").asText()));
        }
    }

    @Test
    void streamRequiresReadLogs() {
        var r = server.send(server.request("/api/v2/logs/stream"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("statusCode").asInt()).isEqualTo(401);
        var bad = server.send(server.request("/api/v2/logs/stream?q=colour:red").header("Authorization", "Bearer " + server.adminToken()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errorCode").asText()).isEqualTo("invalid_query_string");
    }
}
