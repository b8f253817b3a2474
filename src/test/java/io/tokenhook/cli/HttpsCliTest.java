package io.tokenhook.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenhook.app.Config;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI against {@code serve --tls-self-signed}: {@code --ca-file}, {@code TOKENHOOK_CA_FILE} and the profile's CA. */
class HttpsCliTest {
    private static TestServer server;
    private static Path ca;
    private static String url;

    @BeforeAll
    static void start() {
        server = TestServer.startWithTls(TestDatabase.tempDir("tokenhook-cli-tls"), Map.of(), new Config.Tls(null, null, true), null);
        ca = server.dataDir().resolve("ca.pem");
        url = server.baseUrl().replaceAll("/$", "");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loginWhenCaFileGivenThenLogsInOverHttpsAndLaterCommandsTrustTheProfilesCa() throws Exception {
        var cli = new CliRunner();

        var login = cli.run("login", "--url", url, "--client-id", TestServer.ADMIN_ID, "--client-secret", TestServer.ADMIN_SECRET,
                "--ca-file", ca.toString()).assertOk();

        assertThat(login.out()).contains("Logged in to " + server.baseUrl());
        var profile = new ObjectMapper().readTree(cli.configDir().resolve("config.json").toFile()).path("profiles").path("default");
        assertThat(profile.path("ca_file").asText()).isEqualTo(ca.toAbsolutePath().toString());
        cli.run("hooks", "ls").assertOk();
        var token = cli.run("token", "get", "--audience", server.managementAudience(), "--client-id", TestServer.ADMIN_ID,
                "--client-secret", TestServer.ADMIN_SECRET, "--decode", "-o", "json").assertOk();
        assertThat(token.json().path("verified").asBoolean()).isTrue();
        assertThat(token.json().path("claims").path("iss").asText()).isEqualTo(server.baseUrl());
    }

    @Test
    void loginWhenTheCaIsNotTrustedThenOneLineSayingHowToTrustIt() {
        var cli = new CliRunner();

        var result = cli.run("login", "--url", url, "--client-id", TestServer.ADMIN_ID, "--client-secret", TestServer.ADMIN_SECRET);

        result.assertExit(1);
        assertThat(result.errorLine()).isEqualTo("tokenhook: cannot reach " + url + ": TLS handshake failed: its certificate is not "
                + "from a CA this client trusts; a server with its own CA needs --ca-file FILE or TOKENHOOK_CA_FILE (under serve "
                + "--tls-self-signed: the server's data/ca.pem)");
        assertThat(cli.configDir().resolve("config.json")).doesNotExist();
    }

    @Test
    void caFileWhenGivenByEnvironmentThenTrustedByLoginAndByTokenGetWithUrl() {
        var cli = new CliRunner().env("TOKENHOOK_CA_FILE", ca.toString());

        cli.run("login", "--url", url, "--client-id", TestServer.ADMIN_ID, "--client-secret", TestServer.ADMIN_SECRET).assertOk();
        cli.run("token", "get", "--url", url, "--audience", server.managementAudience(), "--client-id", TestServer.ADMIN_ID,
                "--client-secret", TestServer.ADMIN_SECRET).assertOk();
    }

    @Test
    void caFileWhenMissingOrNotACertificateThenUsageError() throws Exception {
        Path missing = ca.resolveSibling("missing.pem");
        Path notPem = Files.writeString(Files.createTempFile("not-a-ca", ".pem"), "hello\n");

        var noFile = new CliRunner().run("login", "--url", url, "--client-id", "x", "--client-secret", "y", "--ca-file", missing.toString());
        var noCert = new CliRunner().run("token", "get", "--url", url, "--audience", "a", "--client-id", "x", "--client-secret", "y",
                "--ca-file", notPem.toString());

        noFile.assertExit(2);
        assertThat(noFile.errorLine()).isEqualTo("tokenhook: cannot read CA file " + missing + ": no such file");
        noCert.assertExit(2);
        assertThat(noCert.errorLine()).isEqualTo("tokenhook: CA file " + notPem + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
}
