package io.tokenhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenhook.support.TcpProxy;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v2/logs/stream} with two nodes on one PostgreSQL database: a stream open on node A shows what
 * node B logs too, in log id order, each event once, filtered, joined to its replay without gap or repeat, and
 * with B's events written late after an outage still delivered.
 */
class LogStreamAcrossNodesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void start() {
        a = TestServer.startOnPostgres();
        b = a.secondNode();
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    /** One event of a stream: its SSE id line and its data. */
    record Sse(String id, JsonNode data) {
        String logId() {
            return data.get("log_id").asText();
        }
    }

    /** An open stream whose events a background thread collects. */
    static final class Stream2 implements AutoCloseable {
        final List<Sse> events = new CopyOnWriteArrayList<>();
        private final Stream<String> lines;

        Stream2(TestServer node, String query, String lastEventId) throws Exception {
            var request = node.request("/api/v2/logs/stream" + query).header("Authorization", "Bearer " + node.adminToken());
            if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
            var response = HttpClient.newHttpClient().sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            lines = response.body();
            Thread.ofPlatform().daemon().start(() -> {
                String id = null;
                try {
                    for (var it = lines.iterator(); it.hasNext(); ) {
                        String line = it.next();
                        if (line.startsWith("id: ")) id = line.substring(4);
                        else if (line.startsWith("data: ")) events.add(new Sse(id, JSON.readTree(line.substring(6))));
                    }
                } catch (Exception e) {
                    // closed
                }
            });
        }

        /** For failure messages: each event as log id, node, type and SSE id. */
        String describe() {
            var sb = new StringBuilder();
            for (Sse e : events) {
                sb.append('\n').append(e.logId()).append(' ').append(e.data().path("user_agent").asText()).append(' ')
                        .append(e.data().path("type").asText()).append(" id=").append(e.id());
            }
            return sb.toString();
        }

        List<String> logIds() {
            return events.stream().map(Sse::logId).toList();
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    /** Polls {@code done} (not once more after it holds: it may act) for up to 20 s. */
    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (done.getAsBoolean()) return;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static String q(String query) {
        return "?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    /** A client-credentials exchange on {@code node}, its User-Agent naming the node. */
    private static int exchange(TestServer node, String agent, TestServer.App app, String audience, boolean right) {
        var form = TestServer.form(params("grant_type", "client_credentials", "client_id", app.clientId(),
                "client_secret", right ? app.clientSecret() : "wrong-secret", "audience", audience));
        return node.send(node.request("/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", agent).POST(HttpRequest.BodyPublishers.ofString(form))).status();
    }

    /**
     * An application for a new API, usable on every node given. Returns once the setup exchanges are in the log
     * (events are written asynchronously): a stream opened afterwards does not see them.
     */
    private static TestServer.App app(String audience, TestServer... nodes) throws InterruptedException {
        var app = a.appWithGrant(audience, List.of("s"), List.of("s"));
        for (TestServer node : nodes) {
            await("the node knows the new application", () -> exchange(node, "setup", app, audience, true) == 200);
            // each node writes its events in order: its last setup exchange logged means all of them are
            a.awaitLog("type:seccft AND client_id:" + app.clientId(), e -> e.path("user_agent").asText().equals("setup"));
        }
        return app;
    }

    /** Every event of {@code clientId} after {@code from} in the shared log, oldest first. */
    private static List<String> logged(String clientId, String from) {
        String q = "client_id:" + clientId + (from == null ? "" : " AND log_id:{" + from + " TO *}");
        var ids = new ArrayList<String>();
        for (JsonNode e : a.apiOk("GET", "/logs?per_page=100&sort=date:1&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), null, 200)) {
            ids.add(e.get("log_id").asText());
        }
        return ids;
    }

    @Test
    void streamOnOneNodeShowsBothNodesExchangesInterleavedInLogIdOrderEachOnce() throws Exception {
        String audience = "https://api.example.com/across";
        var app = app(audience, b);
        try (var stream = new Stream2(a, q("client_id:" + app.clientId() + " AND type:(seccft OR feccft)"), null)) {
            var onB = Thread.ofPlatform().start(() -> { for (int i = 0; i < 20; i++) exchange(b, "node-b", app, audience, true); });
            var onA = Thread.ofPlatform().start(() -> { for (int i = 0; i < 20; i++) exchange(a, "node-a", app, audience, i % 4 != 0); });
            onB.join();
            onA.join();
            await("40 events on the stream", () -> stream.events.size() >= 40);
            Thread.sleep(1_500);   // nothing more comes

            var ids = stream.logIds();
            assertThat(ids).as(stream::describe).hasSize(40).doesNotHaveDuplicates().isSorted();
            assertThat(stream.events).allSatisfy(e -> assertThat(e.id()).isEqualTo(e.logId()));
            assertThat(stream.events).extracting(e -> e.data().get("user_agent").asText()).contains("node-a", "node-b");
            assertThat(stream.events).extracting(e -> e.data().get("type").asText()).contains("seccft", "feccft");
            var fromLog = logged(app.clientId(), null).stream().filter(ids::contains).count();
            assertThat(fromLog).isEqualTo(40);
            // the two nodes' events alternate somewhere, not one node's block after the other's
            var agents = stream.events.stream().map(e -> e.data().get("user_agent").asText()).toList();
            int switches = 0;
            for (int i = 1; i < agents.size(); i++) if (!agents.get(i).equals(agents.get(i - 1))) switches++;
            assertThat(switches).isGreaterThan(1);
        }
    }

    @Test
    void filterAppliesToTheOtherNodesEvents() throws Exception {
        String audience = "https://api.example.com/across-filter";
        var app = app(audience, b);
        try (var stream = new Stream2(a, q("type:feccft AND client_id:" + app.clientId()), null)) {
            exchange(b, "node-b", app, audience, true);
            exchange(b, "node-b", app, audience, false);
            exchange(b, "node-b", app, audience, true);
            exchange(a, "node-a", app, audience, false);
            exchange(b, "node-b", app, audience, false);
            await("three refusals", () -> stream.events.size() >= 3);
            Thread.sleep(1_500);
            assertThat(stream.events).hasSize(3);
            assertThat(stream.events).allSatisfy(e -> assertThat(e.data().get("type").asText()).isEqualTo("feccft"));
            // in log id order, which is time order only to the millisecond: two nodes' events of one millisecond
            // may come either way round (exchanges here take less than that)
            assertThat(stream.logIds()).isSorted();
            assertThat(stream.events).extracting(e -> e.data().get("user_agent").asText())
                    .containsExactlyInAnyOrder("node-b", "node-a", "node-b");
        }
    }

    @Test
    void replayThenTailWithTheOtherNodeWritingNeitherDropsNorRepeatsAtTheSeam() throws Exception {
        String audience = "https://api.example.com/across-seam";
        var app = app(audience, b);
        String from = a.awaitLog("client_id:" + app.clientId()).get("log_id").asText();   // the last setup exchange
        var writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        var onB = Thread.ofPlatform().start(() -> { for (int i = 0; i < 30 && writing.get(); i++) { exchange(b, "node-b", app, audience, true); pause(15); } });
        var onA = Thread.ofPlatform().start(() -> { for (int i = 0; i < 30 && writing.get(); i++) { exchange(a, "node-a", app, audience, false); pause(15); } });
        pause(300);   // some events before the stream opens (replayed), some while it opens, some after (tail)
        int logged = logged(app.clientId(), from).size();
        try (var stream = new Stream2(a, q("client_id:" + app.clientId()), from)) {
            assertThat(logged).as("the stream opens while both nodes write").isBetween(1, 50);
            onB.join();
            onA.join();
            await("the log has every exchange", () -> logged(app.clientId(), from).size() == 60);
            var expected = logged(app.clientId(), from);
            await("the stream has every exchange", () -> stream.events.size() >= expected.size());
            Thread.sleep(1_500);
            assertThat(stream.logIds()).as(stream::describe).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            // Last-Event-ID stays the resume point: the id lines never go back
            assertThat(stream.events.stream().map(Sse::id).toList()).isSorted();
        }
    }

    @Test
    void eventsOfANodeCutOffFromTheDatabaseArriveLateButArrive() throws Exception {
        String audience = "https://api.example.com/across-outage";
        try (var proxy = new TcpProxy(5432); var c = a.secondNodeVia(proxy.port())) {
            var app = app(audience, c);
            try (var stream = new Stream2(a, q("client_id:" + app.clientId() + " AND type:seccft"), null)) {
                proxy.down();
                for (int i = 0; i < 3; i++) assertThat(exchange(c, "node-c", app, audience, true)).isEqualTo(200);
                for (int i = 0; i < 3; i++) assertThat(exchange(a, "node-a", app, audience, true)).isEqualTo(200);
                await("node A's events", () -> stream.events.size() >= 3);
                Thread.sleep(500);
                proxy.up();
                await("node C's events, written once it is back", () -> stream.events.size() >= 6);
                Thread.sleep(1_500);

                var agents = stream.events.stream().map(e -> e.data().get("user_agent").asText()).toList();
                assertThat(agents).containsExactly("node-a", "node-a", "node-a", "node-c", "node-c", "node-c");
                assertThat(stream.logIds()).doesNotHaveDuplicates();
                // C's events carry earlier log ids: they came late, and their id lines keep A's last id as the resume point
                String lastOfA = stream.events.get(2).logId();
                assertThat(stream.events.subList(3, 6)).allSatisfy(e -> {
                    assertThat(e.logId()).isLessThan(lastOfA);
                    assertThat(e.id()).isEqualTo(lastOfA);
                });
                Set<String> logged = new HashSet<>(logged(app.clientId(), null));
                assertThat(logged).containsAll(stream.logIds());
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
