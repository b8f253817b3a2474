package io.tokenhook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenhook.app.Config;
import io.tokenhook.app.Durations;
import io.tokenhook.app.Tokenhook;
import io.tokenhook.dashboard.Sessions;
import io.tokenhook.http.Limits;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real Tokenhook on a free port with a real store (a SQLite file in a temporary data directory, or a fresh
 * PostgreSQL database: see {@link TestDatabase}), plus an HTTP client that speaks to it. The admin application's credentials are fixed through the environment, as an operator would.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_ID = "testAdminClient0000000000000000x";
    public static final String ADMIN_SECRET = "test-admin-secret-with-enough-entropy-0123456789";
    /** How long after a rotation the new keys sign: the shortest the server allows, to keep tests quick. */
    public static final Duration KEY_ACTIVATION_DELAY = Duration.ofSeconds(1);
    /** The hook deadline of test servers unless their environment sets {@code TOKENHOOK_HOOK_TIMEOUT}, as serve reads it. */
    public static final Duration HOOK_TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dataDir;
    private final int port;
    private final Map<String, String> env;
    private final String dbUrl;
    /** The database this server created and drops on close; null for a second node on another's database. */
    private final TestDatabase database;
    private String sharedIssuer;
    private Duration configCheck = Config.DEFAULT_CONFIG_CHECK_INTERVAL;
    private final Duration keyRotationPeriod;
    private final Config.Tls tls;
    /** The CA certificates the client trusts under TLS. */
    private final Path trustedCa;
    private final Limits limits;
    private HttpClient tlsClient;
    private Tokenhook server;
    private boolean eventsCaptured;
    private String adminToken;

    private TestServer(TestDatabase database, int pgPort, Map<String, String> extraEnv, Limits limits) {
        this(database, pgPort, extraEnv, Config.Tls.NONE, null, limits);
    }

    private TestServer(TestDatabase database, int pgPort, Map<String, String> extraEnv, Config.Tls tls, Path trustedCa, Limits limits) {
        this(database.dataDir(), freePort(), withDatabase(extraEnv, database), database.dbUrl(pgPort), database, null,
                Config.DEFAULT_CONFIG_CHECK_INTERVAL, null, tls, trustedCa, limits);
    }

    private TestServer(Path dataDir, int port, Map<String, String> env, String dbUrl, TestDatabase database, String sharedIssuer,
                       Duration configCheck, Duration keyRotationPeriod, Config.Tls tls, Path trustedCa, Limits limits) {
        this.keyRotationPeriod = keyRotationPeriod;
        this.tls = tls;
        this.trustedCa = tls.selfSigned() ? dataDir.resolve("ca.pem") : trustedCa;
        this.limits = limits;
        this.dataDir = dataDir;
        this.port = port;
        this.env = env;
        this.dbUrl = dbUrl;
        this.database = database;
        this.sharedIssuer = sharedIssuer;
        this.configCheck = configCheck;
        TestSecrets.register(TestSecrets.Kind.ADMIN_SECRET, env.get("TOKENHOOK_ADMIN_CLIENT_SECRET"));
        TestSecrets.register(TestSecrets.Kind.DASHBOARD_PASSWORD, env.get("TOKENHOOK_ADMIN_PASSWORD"));
        try {
            this.server = Tokenhook.start(config(), env, new PrintStream(OutputStream.nullOutputStream()));
        } catch (RuntimeException | Error e) {
            if (database != null) database.close();
            throw e;
        }
    }

    private static Map<String, String> withDatabase(Map<String, String> extraEnv, TestDatabase database) {
        var env = new HashMap<String, String>();
        env.put("TOKENHOOK_ADMIN_CLIENT_ID", ADMIN_ID);
        env.put("TOKENHOOK_ADMIN_CLIENT_SECRET", ADMIN_SECRET);
        env.putAll(database.env());
        env.putAll(extraEnv);
        return env;
    }

    /**
     * Starts on a new temporary data directory, with the store of this run: SQLite in the data directory, or a
     * fresh PostgreSQL database under {@code -Dtokenhook.test.store=postgres} (see {@link TestDatabase}).
     */
    public static TestServer start() {
        return start(TestDatabase.tempDir("tokenhook-test"), Map.of());
    }

    /** Starts on {@code dataDir} (and this run's store, as {@link #start()}) with extra environment variables. */
    public static TestServer start(Path dataDir, Map<String, String> extraEnv) {
        return new TestServer(TestDatabase.create(dataDir), 5432, extraEnv, Limits.NO_RATE_LIMITS);
    }

    /**
     * Starts as {@link #start()} with {@code limits}. Other test servers run without rate limits or back-off (the
     * suite makes many requests from one address quickly, wrong secrets among them); the connection limits are
     * the defaults everywhere.
     */
    public static TestServer startWith(Limits limits) {
        return new TestServer(TestDatabase.create(TestDatabase.tempDir("tokenhook-test")), 5432, Map.of(), limits);
    }

    /** Starts on {@code database}, prepared by the test (for example migrated to an old schema); closing drops it. */
    public static TestServer startOn(TestDatabase database) {
        return new TestServer(database, 5432, Map.of(), Limits.NO_RATE_LIMITS);
    }

    /**
     * Starts serving HTTPS on {@code dataDir} with extra environment variables; the client trusts only the CA
     * certificates in {@code trustedCa}, or under {@code --tls-self-signed} (where {@code trustedCa} is ignored) the
     * server's own {@code ca.pem}.
     */
    public static TestServer startWithTls(Path dataDir, Map<String, String> extraEnv, Config.Tls tls, Path trustedCa) {
        return new TestServer(TestDatabase.create(dataDir), 5432, extraEnv, tls, trustedCa, Limits.NO_RATE_LIMITS);
    }

    /** Starts on a fresh PostgreSQL database of the local server (127.0.0.1:5432, user postgres, trust auth), whatever the run's store. */
    public static TestServer startOnPostgres() {
        return startOnPostgres(5432);
    }

    /** The same, with the node reaching PostgreSQL through {@code port} (a {@link TcpProxy} to cut it off). */
    public static TestServer startOnPostgres(int port) {
        return new TestServer(TestDatabase.createPostgres(), port, Map.of(), Limits.NO_RATE_LIMITS);
    }

    private Config config() {
        return new Config("127.0.0.1", port, dataDir, sharedIssuer, dbUrl, "test-tenant", Duration.ofDays(30), hookTimeout(), 10_000, 50, configCheck,
                KEY_ACTIVATION_DELAY, keyRotationPeriod, tls, limits);
    }

    private Duration hookTimeout() {
        String timeout = env.get("TOKENHOOK_HOOK_TIMEOUT");
        return timeout == null ? HOOK_TIMEOUT : Durations.parse(timeout);
    }

    /** Stops the server and starts it again on the same data directory and port. */
    public void restart() {
        server.close();
        server = Tokenhook.start(config(), env, new PrintStream(OutputStream.nullOutputStream()));
        adminToken = null;
    }

    /** A port no one listens on right now. */
    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /** This server's database (SQLite file or PostgreSQL database), to look behind the server's back. */
    public TestDatabase database() {
        if (database == null) throw new IllegalStateException("a second node's database belongs to the first node");
        return database;
    }

    public boolean onPostgres() {
        return dbUrl != null;
    }

    /** The JDBC URL of the PostgreSQL database this node runs on; null on SQLite. */
    public String dbUrl() {
        return dbUrl;
    }

    public String baseUrl() {
        return (tls.enabled() ? "https" : "http") + "://localhost:" + port + "/";
    }

    public int port() {
        return port;
    }

    /** The client: over HTTPS one that trusts {@link #trustedCa} only (read once the server has written it). */
    private HttpClient client() {
        if (!tls.enabled()) return HTTP;
        if (tlsClient == null) {
            tlsClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(TestTls.trusting(trustedCa)).build();
        }
        return tlsClient;
    }

    public String issuer() {
        return sharedIssuer != null ? sharedIssuer : baseUrl();
    }

    public String managementAudience() {
        return issuer() + "api/v2/";
    }

    /**
     * Another node on this server's PostgreSQL database, with the same issuer (nodes behind one load balancer
     * share it), its own port and data directory. Closing it leaves the database to this server.
     */
    public TestServer secondNode() {
        return secondNode(Config.DEFAULT_CONFIG_CHECK_INTERVAL);
    }

    /** A second node whose periodic configuration check runs only every {@code configCheck}. */
    public TestServer secondNode(Duration configCheck) {
        return node(dbUrl, configCheck, null);
    }

    /** Another node on this database that rotates the signing keys by itself every {@code period}. */
    public TestServer nodeRotatingKeysEvery(Duration period) {
        return node(dbUrl, Config.DEFAULT_CONFIG_CHECK_INTERVAL, period);
    }

    /** A second node on this server's database that reaches it through {@code port} (a {@link TcpProxy} to cut it off). */
    public TestServer secondNodeVia(int port) {
        if (dbUrl == null) throw new IllegalStateException("a second node needs the PostgreSQL store");
        return node("jdbc:postgresql://127.0.0.1:" + port + dbUrl.substring(dbUrl.lastIndexOf('/')), configCheck, null);
    }

    private TestServer node(String url, Duration nodeConfigCheck, Duration nodeKeyRotationPeriod) {
        if (dbUrl == null) throw new IllegalStateException("a second node needs the PostgreSQL store");
        return new TestServer(nodeDataDir(), freePort(), env, url, null, issuer(), nodeConfigCheck, nodeKeyRotationPeriod,
                Config.Tls.NONE, null, limits);
    }

    /** A new node's data directory, with this node's master.key in it, as the README tells operators to do. */
    private Path nodeDataDir() {
        Path dir = TestDatabase.tempDir("tokenhook-node");
        Path key = dataDir.resolve("master.key");
        try {
            if (Files.exists(key)) Files.copy(key, dir.resolve("master.key"), StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    // ---- raw HTTP

    public Response send(HttpRequest.Builder request) {
        try {
            var response = client().send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            var r = new Response(response.statusCode(), response.headers().map(), response.body());
            registerSecrets(r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Remembers the secrets a response hands out (see {@link TestSecrets}), for the scan of the run's logs. */
    private static void registerSecrets(Response r) {
        for (var e : r.headers().entrySet()) {
            if (!e.getKey().equalsIgnoreCase("set-cookie")) continue;
            for (String cookie : e.getValue()) {
                if (cookie.startsWith(Sessions.COOKIE + "=")) {
                    TestSecrets.register(TestSecrets.Kind.SESSION_ID, cookie.substring(Sessions.COOKIE.length() + 1).split(";", 2)[0]);
                }
            }
        }
        String text = r.text();
        if (!text.contains("\"client_secret\"") && !text.contains("\"signing_secret\"") && !text.contains("\"access_token\"")) return;
        try {
            JsonNode json = JSON.readTree(text);
            json.findValuesAsText("client_secret").forEach(v -> TestSecrets.register(TestSecrets.Kind.CLIENT_SECRET, v));
            json.findValuesAsText("signing_secret").forEach(v -> TestSecrets.register(TestSecrets.Kind.SIGNING_SECRET, v));
            json.findValuesAsText("access_token").forEach(TestSecrets::registerToken);
        } catch (IOException notJson) {
            // nothing handed out
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + (path.startsWith("/") ? path.substring(1) : path)));
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** The value of one series of {@code /metrics}, named with its labels as Prometheus prints it; 0 when absent. */
    public double metric(String series) {
        return get("/metrics").text().lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).findFirst().orElse(0);
    }

    // ---- token endpoint

    public Response tokenForm(Map<String, String> params) {
        return send(request("/oauth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))));
    }

    /**
     * {@link #tokenForm} through a hook that has not run yet: on a loaded machine its first call may pass the tests'
     * 2 s deadline while the engine still compiles, so a deadline failure is tried again, twice at most.
     */
    public Response tokenFormThroughColdHook(Map<String, String> params) {
        var r = tokenForm(params);
        for (int retry = 0; retry < 2 && r.status() == 500 && r.text().contains("execution time"); retry++) r = tokenForm(params);
        return r;
    }

    public Response tokenJson(Map<String, ?> params) {
        return send(request("/oauth/token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(params))));
    }

    public Response tokenRaw(String contentType, byte[] body) {
        var r = request("/oauth/token").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) r.header("Content-Type", contentType);
        return send(r);
    }

    /** A token for {@code audience} with client_secret_post; fails the test unless it is issued. */
    public String accessToken(String clientId, String secret, String audience) {
        var r = tokenForm(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret, "audience", audience));
        if (r.status() != 200) throw new AssertionError("token request failed: " + r.status() + " " + r.text());
        return r.json().get("access_token").asText();
    }

    // ---- Management API

    public String adminToken() {
        if (adminToken == null) adminToken = accessToken(ADMIN_ID, ADMIN_SECRET, managementAudience());
        return adminToken;
    }

    public Response api(String method, String path, Object body) {
        return api(method, path, body, adminToken());
    }

    public Response api(String method, String path, Object body, String bearer) {
        if (path.matches("/hooks/[^/]+/secrets") && body instanceof Map<?, ?> secrets) {
            secrets.values().forEach(v -> TestSecrets.register(TestSecrets.Kind.HOOK_SECRET, String.valueOf(v)));
        }
        var r = request("/api/v2" + path);
        if (bearer != null) r.header("Authorization", "Bearer " + bearer);
        if (body == null) {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            r.header("Content-Type", "application/json");
            r.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body)));
        }
        return send(r);
    }

    /** Calls the Management API and fails the test unless the status is {@code expected}. */
    public JsonNode apiOk(String method, String path, Object body, int expected) {
        var r = api(method, path, body);
        if (r.status() != expected) throw new AssertionError(method + " " + path + " -> " + r.status() + " " + r.text());
        return r.text().isEmpty() ? null : r.json();
    }

    /** The newest log event matching {@code q}; events are written in batches, so this polls for a while. */
    public JsonNode awaitLog(String q) {
        return awaitLog(q, e -> true);
    }

    /** The newest log event matching {@code q} and {@code match}, polling while the writer catches up. */
    public JsonNode awaitLog(String q, java.util.function.Predicate<JsonNode> match) {
        String path = "/logs?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        for (int i = 0; i < 100; i++) {
            for (JsonNode e : apiOk("GET", path, null, 200)) {
                if (match.test(e)) return e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no log event matching " + q);
    }

    // ---- fixtures

    /** Creates an API with the given scopes; returns its JSON. */
    public JsonNode createApi(String identifier, String... scopes) {
        return createApiSigned(identifier, "RS256", scopes);
    }

    /** Creates an API whose tokens use {@code alg}; returns its JSON. */
    public JsonNode createApiSigned(String identifier, String alg, String... scopes) {
        var scopeList = java.util.Arrays.stream(scopes).map(s -> Map.of("value", s)).toList();
        return apiOk("POST", "/resource-servers", Map.of("name", "API " + identifier, "identifier", identifier,
                "signing_alg", alg, "scopes", scopeList), 201);
    }

    /** Creates an M2M application; returns its JSON including client_secret. */
    public JsonNode createApp(String name) {
        return apiOk("POST", "/clients", Map.of("name", name, "app_type", "non_interactive"), 201);
    }

    public JsonNode grant(String clientId, String audience, String... scopes) {
        return apiOk("POST", "/client-grants", Map.of("client_id", clientId, "audience", audience, "scope", java.util.List.of(scopes)), 201);
    }

    /** An application authorized for a new API; the common start of a test. */
    public App appWithGrant(String audience, java.util.List<String> apiScopes, java.util.List<String> granted) {
        createApi(audience, apiScopes.toArray(String[]::new));
        var app = createApp("app for " + audience);
        grant(app.get("client_id").asText(), audience, granted.toArray(String[]::new));
        return new App(app.get("client_id").asText(), app.get("client_secret").asText());
    }

    public record App(String clientId, String clientSecret) {}

    public static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> params(String... kv) {
        var m = new LinkedHashMap<String, String>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** Stops the server; a server that created a PostgreSQL database drops it (second nodes leave it to the first). */
    @Override
    public void close() {
        try {
            server.close();
            if (database != null && !eventsCaptured) captureEvents();
        } finally {
            if (database != null) database.close();
        }
    }

    /**
     * Adds the store's log events to the {@link LogCapture} before the database goes, so the secret scan of the run
     * covers them; the server has flushed its queue on close. Left out: what hook code wrote (its console lines, its
     * errors), which is the hook author's to word, as in Auth0.
     */
    private void captureEvents() {
        eventsCaptured = true;
        try (var c = database.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT type, description, client_id, client_name, audience, scope, ip, user_agent, hook_id, details"
                     + " FROM log_events WHERE type <> 'hkerr' AND NOT (type = 'hkcon' AND details LIKE '%\"source\":\"console\"%')")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                var row = new StringBuilder();
                for (int i = 1; i <= columns; i++) row.append(rs.getString(i)).append(' ');
                LogCapture.addEvent(row.toString());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the log events for the secret scan", e);
        }
    }

    /** An HTTP response with its body. */
    public record Response(int status, Map<String, java.util.List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text());
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }
}
