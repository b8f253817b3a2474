package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code tokenhook logs ls} and {@code logs tail}, the latter following the live stream. */
class LogsCommandTest {
    private static final String AUDIENCE = "https://api.example.com/logs";
    private static TestServer server;
    private static TestServer.App app;
    private static CliRunner cli;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        app = server.appWithGrant(AUDIENCE, List.of("read:logs-api"), List.of("read:logs-api"));
        cli = CliRunner.loggedIn(server);
        cli.runWithInput("""
                module.exports = function (client, scope, audience, context, cb) {
                  console.log('hello from ' + client.name);
                  cb(null, { scope: scope });
                };
                """, "hooks", "create", "-t", "credentials-exchange", "-n", "talker", "-").assertOk();
        cli.run("hooks", "enable", "talker").assertOk();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int exchange(String secret) {
        return server.tokenForm(params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret", secret,
                "audience", AUDIENCE)).status();
    }

    @Test
    void lsPrintsTheNewestEventsOneLineEach() {
        exchange(app.clientSecret());
        server.awaitLog("type:hkcon");

        var lines = cli.run("logs", "ls", "-n", "3").assertOk().out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(String.join("\n", lines)).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z  hkcon   \\[talker\\] log: hello from app for " + AUDIENCE)
                .containsPattern("seccft  app for " + AUDIENCE + " -> " + AUDIENCE + "  scope: read:logs-api  \\(hook talker, [0-9.]+ ms\\)");
    }

    @Test
    void lsFiltersAndPrintsJson() {
        exchange("wrong");
        server.awaitLog("type:feccft");
        JsonNode events = cli.run("logs", "ls", "--filter", "type:feccft", "-o", "json").assertOk().json();
        assertThat(events.isArray()).isTrue();
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("feccft"));
        assertThat(events.get(0).path("description").asText()).isEqualTo("Client authentication failed");
    }

    @Test
    void lsShowsWhoChangedWhatAndWhatWasRefused() {
        String clientId = cli.run("apps", "create", "-n", "audited by the cli", "-o", "json").assertOk().json().get("client_id").asText();
        assertThat(server.api("DELETE", "/clients/no-such-app", null).status()).isEqualTo(404);
        server.awaitLog("type:fapi");

        String lines = cli.run("logs", "ls", "--filter", "type:(sapi OR fapi)", "-n", "5").assertOk().out();
        assertThat(lines).contains("sapi    Create a client  client " + clientId + "  by " + TestServer.ADMIN_ID)
                .contains("fapi    delete client no-such-app refused (404): The client does not exist  by " + TestServer.ADMIN_ID);
    }

    @Test
    void lsPagesPastOneHundredEvents() throws InterruptedException {
        for (int i = 0; i < 160; i++) exchange("wrong-" + i);
        for (int i = 0; i < 100 && total("type:feccft") < 160; i++) Thread.sleep(50);

        JsonNode events = cli.run("logs", "ls", "-n", "150", "-o", "json").assertOk().json();
        assertThat(events.size()).isEqualTo(150);
        var ids = new HashSet<String>();
        events.forEach(e -> ids.add(e.path("log_id").asText()));
        assertThat(ids).hasSize(150);
        assertThat(events.get(0).path("log_id").asText()).isGreaterThan(events.get(149).path("log_id").asText());
    }

    private static long total(String q) {
        return server.apiOk("GET", "/logs?include_totals=true&per_page=1&q=" + q, null, 200).path("total").asLong();
    }

    @Test
    void lsRefusesBadNumbersAndBadFilters() {
        var zero = cli.run("logs", "ls", "-n", "0");
        zero.assertExit(2);
        assertThat(zero.errorLine()).isEqualTo("tokenhook: --number must be between 1 and 1000");

        var badFilter = cli.run("logs", "ls", "--filter", "type:(seccft");
        badFilter.assertExit(1);
        assertThat(badFilter.errorLine()).startsWith("tokenhook: ").endsWith("(400 invalid_query_string)");
    }

    @Test
    void tailPrintsExchangesAndHookConsoleLinesAsTheyHappen() throws InterruptedException {
        var tail = cli.start("logs", "tail", "-n", "0").await("Following the log", Duration.ofSeconds(10));

        assertThat(exchange(app.clientSecret())).isEqualTo(200);
        tail.await("seccft", Duration.ofSeconds(10)).await("[talker] log: hello from app for " + AUDIENCE, Duration.ofSeconds(10));
        assertThat(exchange("wrong")).isEqualTo(401);
        tail.await("feccft", Duration.ofSeconds(10));

        assertThat(tail.stop()).isZero();
        assertThat(tail.out()).contains("-> " + AUDIENCE + "  Client authentication failed");
    }

    @Test
    void tailFiltersAndPrintsJsonLines() throws Exception {
        var tail = cli.start("logs", "tail", "-n", "0", "--filter", "type:hkcon", "-o", "json").await("Following the log", Duration.ofSeconds(10));
        exchange(app.clientSecret());
        tail.await("hello from", Duration.ofSeconds(10));
        tail.stop();
        for (String line : tail.out().strip().split("\n")) {
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("type").asText()).isEqualTo("hkcon");
        }
    }

    @Test
    void tailReconnectsAfterTheServerRestartsAndMissesNothing() throws InterruptedException {
        var tail = cli.start("logs", "tail", "-n", "1").await("Following the log", Duration.ofSeconds(10));
        server.restart();
        exchange("during-reconnect");
        tail.await("Reconnected.", Duration.ofSeconds(20)).await("Client authentication failed", Duration.ofSeconds(10));
        assertThat(tail.err()).contains("tokenhook: log stream lost");
        assertThat(tail.stop()).isZero();
    }
}
