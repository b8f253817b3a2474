package io.tokenhook.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenhook.support.TcpProxy;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dashboard sessions live in the database: a restart keeps them, every node behind the load balancer knows them,
 * a sign-out on one node holds on all, a copy of the database cannot be replayed as a cookie, and while the
 * database is away the dashboard answers 503.
 */
class SharedSessionsTest {

    @Test
    void sessionWhenServerRestartsThenStillSignedInAndTheDatabaseHoldsNoSessionId() throws Exception {
        try (var server = DashboardSession.startServer(Map.of())) {
            var s = new DashboardSession(server).signIn();
            String id = s.cookies.get(Sessions.COOKIE);

            server.restart();

            long version = configVersion(server);
            assertThat(s.csrfFromPage()).isEqualTo(s.csrf);
            assertThat(s.api("GET", "/clients", null).status()).isEqualTo(200);
            assertThat(s.api("POST", "/clients", Map.of("name", "After a restart")).status()).isEqualTo(201);
            assertThat(configVersion(server)).isEqualTo(version + 1);   // the client, not the session's reads

            // the database (as a backup would copy it) has the id's hash, never the id
            String bytes = server.database().contentsAsText();
            assertThat(bytes).contains(sha256(id)).doesNotContain(id);
        }
    }

    @Test
    void twoNodesShareSessionsAndSignOutOnOneEndsItOnBoth() throws Exception {
        try (var a = TestServer.startOnPostgres(); var b = a.secondNode()) {
            var onA = new DashboardSession(a);
            long version = agreedConfigVersion(a, b);
            onA.signIn(generatedPassword(a));
            assertThat(configVersion(a)).isEqualTo(version);            // sessions are not configuration
            var onB = onA.at(b);

            assertThat(onB.csrfFromPage()).isEqualTo(onA.csrf);
            assertThat(onB.api("GET", "/clients", null).status()).isEqualTo(200);
            assertThat(onB.api("POST", "/clients", Map.of("name", "No token from B"), null).status()).isEqualTo(403);
            var created = onB.api("POST", "/clients", Map.of("name", "Created on node B"));
            assertThat(created.status()).isEqualTo(201);
            b.awaitLog("type:sapi", e -> e.path("details").path("actor").asText().equals("admin (dashboard)")
                    && e.get("description").asText().equals("Create a client"));
            assertThat(onB.get("/dashboard/session").json().get("user").asText()).isEqualTo("admin");
            assertThat(pgDump(a)).contains(sha256(onA.cookies.get(Sessions.COOKIE))).doesNotContain(onA.cookies.get(Sessions.COOKIE));

            String id = onA.cookies.get(Sessions.COOKIE);
            assertThat(onA.postForm("/logout", Map.of("csrf", onA.csrf)).status()).isEqualTo(303);
            onB.cookies.put(Sessions.COOKIE, id);                      // a copied cookie works on no node
            var refused = onB.api("GET", "/clients", null);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("errorCode").asText()).isEqualTo("session_expired");
            assertThat(onB.get("/").header("Location")).isEqualTo("/login");
        }
    }

    @Test
    void databaseAwayThenDashboardAnswers503AndTheSessionOutlivesTheOutage() throws Exception {
        try (var proxy = new TcpProxy(5432); var node = TestServer.startOnPostgres(proxy.port())) {
            var s = new DashboardSession(node).signIn(generatedPassword(node));

            proxy.down();

            var api = s.api("GET", "/clients", null);
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.json().get("statusCode").asInt()).isEqualTo(503);
            assertThat(api.json().get("errorCode").asText()).isEqualTo("temporarily_unavailable");
            assertThat(api.text()).doesNotContain("Exception").doesNotContain("jdbc:");
            var status = s.get("/dashboard/session");
            assertThat(status.status()).isEqualTo(503);
            assertThat(status.json().get("errorCode").asText()).isEqualTo("temporarily_unavailable");
            var page = s.get("/");
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.text()).contains("The database is unavailable");
            assertThat(page.header("Content-Security-Policy")).isNotNull();
            assertThat(s.cookies).containsKey(Sessions.COOKIE);

            proxy.up();

            int status200 = 0;
            for (int i = 0; i < 50 && status200 != 200; i++) {
                if (i > 0) Thread.sleep(200);
                status200 = s.api("GET", "/clients", null).status();
            }
            assertThat(status200).isEqualTo(200);
            assertThat(s.api("POST", "/clients", Map.of("name", "After the outage")).status()).isEqualTo(201);
        }
    }

    /** The dashboard password a first start generated and saved, as an operator reads it. */
    private static String generatedPassword(TestServer server) throws Exception {
        return new ObjectMapper().readTree(server.dataDir().resolve("admin-credentials.json").toFile())
                .get("dashboard_password").asText();
    }

    private static long configVersion(TestServer server) {
        return server.get("/healthz").json().get("config_version").asLong();
    }

    /**
     * The configuration version once both nodes report it: what node b wrote while it started reaches node a's
     * snapshot a moment later, by a notification, and must not be taken for a write of the sign-in.
     */
    private static long agreedConfigVersion(TestServer a, TestServer b) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            long onA = configVersion(a);
            if (onA == configVersion(b)) return onA;
            assertThat(System.nanoTime()).as("the nodes agree on the configuration version").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** A plain-SQL copy of the node's PostgreSQL database, as {@code pg_dump} makes for a backup. */
    private static String pgDump(TestServer server) throws Exception {
        String db = server.dbUrl().substring(server.dbUrl().lastIndexOf('/') + 1);
        var process = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--data-only", db)
                .redirectErrorStream(true).start();
        String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(dump).isZero();
        return dump;
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
