package io.tokenhook.cli;

import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tokenhook login / logout}, profiles, environment overrides and the token cache. */
class LoginCommandTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void loginWhenCredentialsWorkThenSavesProfileWithMode0600() throws IOException {
        var cli = new CliRunner();
        var result = cli.run("login", "--url", server.baseUrl().replaceAll("/$", ""), "--client-id", TestServer.ADMIN_ID,
                "--client-secret", TestServer.ADMIN_SECRET).assertOk();

        assertThat(result.out()).contains("Logged in to " + server.baseUrl() + " as Tokenhook Admin (" + TestServer.ADMIN_ID + ")")
                .contains("profile 'default'");
        Path config = cli.configDir().resolve("config.json");
        assertThat(mode(cli.configDir())).isEqualTo("rwx------");
        assertThat(mode(config)).isEqualTo("rw-------");
        assertThat(mode(cli.configDir().resolve("tokens.json"))).isEqualTo("rw-------");
        var saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(config.toFile());
        assertThat(saved.path("default").asText()).isEqualTo("default");
        assertThat(saved.path("profiles").path("default").path("url").asText()).isEqualTo(server.baseUrl());
        assertThat(saved.path("profiles").path("default").path("audience").asText()).isEqualTo(server.managementAudience());

        cli.run("hooks", "ls").assertOk();
    }

    @Test
    void loginWhenSecretIsWrongThenExit1WithOneLine() {
        var cli = new CliRunner();
        var result = cli.run("login", "--url", server.baseUrl(), "--client-id", TestServer.ADMIN_ID, "--client-secret", "wrong-secret");

        result.assertExit(1);
        assertThat(result.errorLine()).isEqualTo("tokenhook: Client authentication failed (401 invalid_client)");
        assertThat(cli.configDir().resolve("config.json")).doesNotExist();
    }

    @Test
    void loginWhenServerIsUnreachableThenExit1() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var result = new CliRunner().run("login", "--url", "http://127.0.0.1:" + port, "--client-id", "x", "--client-secret", "y");

        result.assertExit(1);
        assertThat(result.errorLine()).isEqualTo("tokenhook: cannot reach http://127.0.0.1:" + port + ": connection refused (is the server running?)");
    }

    @Test
    void loginWhenUrlOrSecretIsMissingThenUsageError() {
        var cli = new CliRunner();
        var badUrl = cli.run("login", "--url", "localhost:8080", "--client-id", "x", "--client-secret", "y");
        badUrl.assertExit(2);
        assertThat(badUrl.errorLine()).startsWith("tokenhook: invalid URL 'localhost:8080'");

        var noSecret = cli.run("login", "--url", server.baseUrl(), "--client-id", TestServer.ADMIN_ID);
        noSecret.assertExit(2);
        assertThat(noSecret.errorLine()).isEqualTo("tokenhook: missing --client-secret SECRET");
    }

    @Test
    void loginOnATerminalAsksForTheSecret() {
        var cli = new CliRunner().interactive(true);
        cli.runWithInput(TestServer.ADMIN_SECRET + "\n", "login", "--url", server.baseUrl(), "--client-id", TestServer.ADMIN_ID).assertOk();
        cli.run("apis", "ls").assertOk();
    }

    @Test
    void loginFromTheServersCredentialsFile() throws IOException {
        Path file = Files.createTempFile("admin-credentials", ".json");
        Files.writeString(file, TestServer.json(Map.of("url", server.baseUrl(), "client_id", TestServer.ADMIN_ID,
                "client_secret", TestServer.ADMIN_SECRET)));
        var cli = new CliRunner();
        cli.run("login", "--credentials-file", file.toString()).assertOk();
        cli.run("apps", "ls").assertOk();

        var missing = cli.run("login", "--credentials-file", file + ".missing");
        missing.assertExit(2);
        assertThat(missing.errorLine()).isEqualTo("tokenhook: cannot read " + file + ".missing: no such file");
    }

    @Test
    void commandsWithoutLoginThenUsageErrorSayingHowToLogIn() {
        var result = new CliRunner().run("hooks", "ls");
        result.assertExit(2);
        assertThat(result.errorLine()).startsWith("tokenhook: not logged in: run 'tokenhook login");
    }

    @Test
    void environmentVariablesOverrideTheProfile() {
        var cli = new CliRunner()
                .env("TOKENHOOK_URL", server.baseUrl())
                .env("TOKENHOOK_CLIENT_ID", TestServer.ADMIN_ID)
                .env("TOKENHOOK_CLIENT_SECRET", TestServer.ADMIN_SECRET);
        cli.run("apis", "ls").assertOk();

        cli.env("TOKENHOOK_CLIENT_SECRET", "not-the-secret");
        var refused = cli.run("apis", "ls");
        refused.assertExit(1);
        assertThat(refused.errorLine()).isEqualTo("tokenhook: Client authentication failed (401 invalid_client)");
    }

    @Test
    void profilesAreChosenByFlagOrEnvironmentAndRemovedByLogout() {
        var cli = CliRunner.loggedIn(server);
        cli.run("login", "--profile", "second", "--url", server.baseUrl(), "--client-id", TestServer.ADMIN_ID,
                "--client-secret", TestServer.ADMIN_SECRET).assertOk();
        cli.run("apis", "ls", "--profile", "second").assertOk();
        cli.env("TOKENHOOK_PROFILE", "second").run("apis", "ls").assertOk();

        var unknown = cli.run("apis", "ls", "-p", "third");
        unknown.assertExit(2);
        assertThat(unknown.errorLine()).startsWith("tokenhook: no profile named 'third' (profiles: default, second)");

        cli.env("TOKENHOOK_PROFILE", null);
        assertThat(cli.run("logout", "--profile", "second").assertOk().out()).contains("profile 'second' removed");
        cli.run("logout", "--profile", "second").assertExit(2);
        cli.run("apis", "ls").assertOk();
        cli.run("logout").assertOk();
        cli.run("apis", "ls").assertExit(2);
    }

    @Test
    void theManagementTokenIsCachedAndReused() {
        var cli = CliRunner.loggedIn(server);
        adminExchanges();
        long before = adminExchanges();
        cli.run("apis", "ls").assertOk();
        cli.run("apps", "ls").assertOk();
        cli.run("hooks", "ls").assertOk();
        assertThat(adminExchanges()).isEqualTo(before);
    }

    /** How many Management API tokens the admin application has been issued (each is a seccft event). */
    private static long adminExchanges() {
        var path = "/logs?include_totals=true&per_page=1&q=" + java.net.URLEncoder.encode(
                "type:seccft AND client_id:" + TestServer.ADMIN_ID, java.nio.charset.StandardCharsets.UTF_8);
        try {
            Thread.sleep(400); // the log is written in batches
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return server.apiOk("GET", path, null, 200).path("total").asLong();
    }
}
