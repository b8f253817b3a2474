package io.tokenhook.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.ServerProcess;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 in the middle of Management API writes and token exchanges, three times, each time restarting the real
 * process on the same data directory (SQLite) or database (PostgreSQL): the store opens, every write answered 2xx
 * is there (a delete answered 2xx is gone), a write cut off by the kill is there either way, and every exchange
 * answered 200 more than {@value #EVENT_LOSS_WINDOW_MS} ms before the kill has its {@code seccft} event.
 */
class CrashSafetyTest {
    /** Events still queued when the process dies are lost: at most those of this last stretch before the kill (README). */
    static final long EVENT_LOSS_WINDOW_MS = 1_000;
    private static final String ADMIN_ID = "crashAdmin";
    private static final String ADMIN_SECRET = "crash-admin-secret-0123456789abcdef";
    private static final String AUDIENCE = "https://crash.example/api";
    /** Acknowledged writes after which each round's process is killed: early, midway, late. */
    private static final int[] KILL_AFTER_WRITES = {15, 60, 150};
    private static final int WRITERS = 3;
    private static final int EXCHANGERS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each resource's acceptable states after a restart: its name, or empty for "absent". */
    private final Map<String, Set<Optional<String>>> expected = new ConcurrentHashMap<>();
    /** Exchanges answered 200: the token's jti and when the answer arrived. */
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();

    private record Exchange(String jti, long answeredNanos) {}

    @Test
    void killDashNineLosesNoAcknowledgedWriteAndOnlyTheLastEventsOfTheLog() throws Exception {
        try (var db = TestDatabase.create(Files.createTempDirectory("tokenhook-crash"))) {
            int port = TestServer.freePort();
            String clientId = null, clientSecret = null;
            for (int round = 0; round < KILL_AFTER_WRITES.length; round++) {
                try (var server = ServerProcess.start(db, port, ADMIN_ID, ADMIN_SECRET, ServerProcess.NO_RATE_LIMITS)) {
                    var api = new Api(server);
                    assertEverythingAcknowledgedIsThere(api, round);
                    if (clientId == null) {
                        api.call("POST", "resource-servers", Map.of("identifier", AUDIENCE, "scopes", List.of(Map.of("value", "read"))));
                        JsonNode client = api.call("POST", "clients", Map.of("name", "crash exchanges"));
                        clientId = client.get("client_id").asText();
                        clientSecret = client.get("client_secret").asText();
                        api.call("POST", "client-grants", Map.of("client_id", clientId, "audience", AUDIENCE, "scope", List.of("read")));
                    }
                    long killedAt = runUntilKilled(server, api, round, clientId, clientSecret);
                    assertEventLossWithinWindow(db, killedAt, round);
                }
                assertStoreIntact(db);
            }
            try (var server = ServerProcess.start(db, port, ADMIN_ID, ADMIN_SECRET, ServerProcess.NO_RATE_LIMITS)) {
                assertEverythingAcknowledgedIsThere(new Api(server), KILL_AFTER_WRITES.length);
                assertThat(server.terminate()).isTrue();
            }
        }
        assertThat(unexpected).as("answers other than 2xx before the kill").isEmpty();
    }

    /** Writers and exchangers run until {@code KILL_AFTER_WRITES[round]} writes are acknowledged; then SIGKILL. Returns when it was sent. */
    private long runUntilKilled(ServerProcess server, Api api, int round, String clientId, String secret) throws InterruptedException {
        var acknowledged = new AtomicInteger();
        var threads = new ArrayList<Thread>();
        for (int w = 0; w < WRITERS; w++) {
            String owner = "r" + round + "w" + w;
            threads.add(Thread.ofPlatform().start(() -> write(api, owner, acknowledged)));
        }
        for (int e = 0; e < EXCHANGERS; e++) threads.add(Thread.ofPlatform().start(() -> exchange(api, clientId, secret)));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.get() < KILL_AFTER_WRITES[round] && System.nanoTime() < deadline) Thread.sleep(5);
        long killedAt = System.nanoTime();
        server.kill();
        for (Thread t : threads) t.join(30_000);
        assertThat(acknowledged.get()).as("writes acknowledged in round %d", round).isGreaterThanOrEqualTo(KILL_AFTER_WRITES[round]);
        return killedAt;
    }

    /** Creates, renames and deletes its own clients and APIs until the server stops answering. */
    private void write(Api api, String owner, AtomicInteger acknowledged) {
        var live = new ArrayList<String>();
        var random = ThreadLocalRandom.current();
        for (int n = 0; ; n++) {
            String name = owner + "-" + n;
            try {
                if (live.size() < 3 || random.nextInt(10) < 4) {
                    boolean client = random.nextBoolean();
                    var body = client ? Map.of("name", name) : Map.of("identifier", "https://crash.example/" + name, "name", name);
                    JsonNode created = api.call("POST", client ? "clients" : "resource-servers", body);
                    String key = client ? "clients/" + created.get("client_id").asText() : "resource-servers/" + created.get("id").asText();
                    expected.put(key, Set.of(Optional.of(name)));
                    live.add(key);
                } else if (random.nextInt(10) < 6) {
                    String key = live.get(random.nextInt(live.size()));
                    change(key, Optional.of(name), () -> api.call("PATCH", key, Map.of("name", name)));
                } else {
                    String key = live.remove(random.nextInt(live.size()));
                    change(key, Optional.empty(), () -> api.call("DELETE", key, null));
                }
                acknowledged.incrementAndGet();
            } catch (IOException e) {
                return;   // killed: the write in flight may or may not have happened
            } catch (ApiFailure e) {
                unexpected.add(e.getMessage());
                return;
            }
        }
    }

    /** A change of {@code key} to {@code after}: either state is right while it is in flight, only {@code after} once acknowledged. */
    private void change(String key, Optional<String> after, Call call) throws IOException {
        var either = new HashSet<>(expected.get(key));
        either.add(after);
        expected.put(key, either);
        call.run();
        expected.put(key, Set.of(after));
    }

    private void exchange(Api api, String clientId, String secret) {
        while (true) {
            try {
                JsonNode token = api.token(clientId, secret);
                exchanges.add(new Exchange(SignedJWT.parse(token.get("access_token").asText()).getJWTClaimsSet().getJWTID(), System.nanoTime()));
            } catch (IOException e) {
                return;
            } catch (ApiFailure | java.text.ParseException e) {
                unexpected.add(e.getMessage());
                return;
            }
        }
    }

    private void assertEverythingAcknowledgedIsThere(Api api, int round) throws IOException {
        for (var e : expected.entrySet()) {
            JsonNode found;
            try {
                found = api.call("GET", e.getKey(), null);
            } catch (ApiFailure failure) {
                if (failure.status != 404) throw failure;
                found = null;
            }
            var state = Optional.ofNullable(found).map(f -> f.get("name").asText());
            assertThat(e.getValue()).as("after kill %d, %s", round, e.getKey()).contains(state);
        }
    }

    /** Every exchange answered 200 before the window has its event; only those of the window may miss theirs. */
    private void assertEventLossWithinWindow(TestDatabase db, long killedAt, int round) throws Exception {
        var logged = new HashSet<String>();
        try (var c = db.connect(); var rs = c.createStatement().executeQuery("SELECT details FROM log_events WHERE type = 'seccft'")) {
            while (rs.next()) logged.add(JSON.readTree(rs.getString(1)).path("access_token_jti").asText());
        }
        long windowStart = killedAt - Duration.ofMillis(EVENT_LOSS_WINDOW_MS).toNanos();
        var missing = exchanges.stream().filter(x -> !logged.contains(x.jti())).toList();
        System.out.printf("crash round %d: %d writes tracked, %d exchanges answered, %d of them without their event%n",
                round, expected.size(), exchanges.size(), missing.size());
        assertThat(missing).as("exchanges answered more than %d ms before kill %d whose event is missing", EVENT_LOSS_WINDOW_MS, round)
                .allMatch(x -> x.answeredNanos() > windowStart);
        exchanges.removeAll(missing);   // lost for good: not asked for again after the next kill
    }

    /** The SQLite file passes its own integrity check after the kill; PostgreSQL answers. */
    private static void assertStoreIntact(TestDatabase db) throws Exception {
        try (var c = db.connect(); var st = c.createStatement()) {
            if (db.isPostgres()) {
                assertThat(st.executeQuery("SELECT COUNT(*) FROM clients").next()).isTrue();
            } else {
                var rs = st.executeQuery("PRAGMA integrity_check");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws IOException;
    }

    /** An answer other than 2xx. */
    private static final class ApiFailure extends RuntimeException {
        final int status;

        ApiFailure(int status, String body) {
            super(status + " " + body);
            this.status = status;
        }
    }

    /** The Management API as the admin, and the token endpoint, over connections of this server process only. */
    private static final class Api {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final String managementAudience;
        private volatile String token;

        Api(ServerProcess server) {
            this.base = server.baseUrl();
            this.managementAudience = server.managementAudience();
        }

        JsonNode token(String clientId, String secret) throws IOException {
            return send(HttpRequest.newBuilder(URI.create(base + "oauth/token")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("grant_type", "client_credentials",
                            "client_id", clientId, "client_secret", secret, "audience", clientId.equals(ADMIN_ID) ? managementAudience : AUDIENCE)))));
        }

        JsonNode call(String method, String path, Object body) throws IOException {
            if (token == null) token = token(ADMIN_ID, ADMIN_SECRET).get("access_token").asText();
            var request = HttpRequest.newBuilder(URI.create(base + "api/v2/" + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return send(request);
        }

        private JsonNode send(HttpRequest.Builder request) throws IOException {
            try {
                var r = http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) throw new ApiFailure(r.statusCode(), r.body());
                return r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
