package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tokenhook keys ls / rotate / revoke}, and the CLI's cached token surviving a revoked key. */
class KeysCommandTest {
    private static TestServer server;
    private static CliRunner cli;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        cli = CliRunner.loggedIn(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rotateThenRevokeThePreviousKey() throws Exception {
        var app = server.appWithGrant("https://api.example.com/k", List.of("k"), List.of("k"));
        JsonNode before = cli.run("keys", "ls", "-o", "json").assertOk().json();
        assertThat(before).hasSize(1);
        String oldKid = before.get(0).path("kid").asText();
        assertThat(cli.run("keys", "ls").assertOk().out()).containsPattern(oldKid + " +RS256 +current +current since ");

        var rotated = cli.run("keys", "rotate").assertOk();
        assertThat(rotated.out()).containsPattern("Signing keys rotated; from \\S+Z new tokens are signed with RS256 ");
        assertThat(cli.run("keys", "ls").assertOk().out()).containsPattern(" +RS256 +next +signs from ")
                .containsPattern(oldKid + " +RS256 +current +current since \\S+, until ");
        Thread.sleep(TestServer.KEY_ACTIVATION_DELAY.toMillis() + 300);
        String table = cli.run("keys", "ls").assertOk().out();
        assertThat(table).containsPattern(oldKid + " +RS256 +previous +current until \\S+, in the JWKS until ")
                .containsPattern(" +RS256 +next +published, signs after the next rotation");
        JsonNode decoded = cli.run("token", "get", "--audience", "https://api.example.com/k", "--client-id", app.clientId(),
                "--client-secret", app.clientSecret(), "--decode", "-o", "json").assertOk().json();
        assertThat(decoded.path("header").path("kid").asText()).isNotEqualTo(oldKid);
        assertThat(decoded.path("verified").asBoolean()).isTrue();

        // "--": a random kid may begin with "-o" or "-y"
        var current = cli.run("keys", "revoke", "-y", "--", decoded.path("header").path("kid").asText());
        current.assertExit(1);
        assertThat(current.errorLine()).isEqualTo("tokenhook: The current signing key cannot be revoked; rotate the keys first (400 operation_not_supported)");
        cli.run("keys", "revoke", "--", oldKid).assertExit(2);

        String cachedBefore = Files.readString(cli.configDir().resolve("tokens.json"));
        assertThat(cli.run("keys", "revoke", "-y", "--", oldKid).assertOk().out()).contains("Signing key " + oldKid + " revoked");
        // the cached Management API token was signed with the revoked key: the CLI gets a new one by itself
        assertThat(cli.run("keys", "ls").assertOk().out()).containsPattern(oldKid + " +RS256 +revoked +revoked at ");
        assertThat(Files.readString(cli.configDir().resolve("tokens.json"))).isNotEqualTo(cachedBefore);
        assertThat(server.get("/.well-known/jwks.json").text()).doesNotContain(oldKid);

        var unknown = cli.run("keys", "revoke", "nope", "-y");
        unknown.assertExit(1);
        assertThat(unknown.errorLine()).isEqualTo("tokenhook: The signing key does not exist (404 inexistent_signing_key)");
    }

    @Test
    void revokeTakesAKidThatStartsWithADash() {
        // base64url thumbprints start with '-' about one time in 64; such a kid is an argument, not an option
        var r = cli.run("keys", "revoke", "-J87JUi3oitY13KOcg0okStPuYHICUPz6Ia3hJRPv-0", "-y");
        r.assertExit(1);
        assertThat(r.errorLine()).contains("404");
        // a kid whose next letter is one of revoke's own options (-o OUTPUT, -y) needs "--" before it, as the
        // README says: CI once drew "-o63u6Rs..."
        for (String kid : List.of("-o63u6RsxgGkYeBsYHb79Wg2kZcoUzItnrrs8vhCLnY", "-yD3u6RsxgGkYeBsYHb79Wg2kZcoUzItnrrs8vhCLnY")) {
            var dashed = cli.run("keys", "revoke", "-y", "--", kid);
            dashed.assertExit(1);
            assertThat(dashed.errorLine()).as(kid).isEqualTo("tokenhook: The signing key does not exist (404 inexistent_signing_key)");
        }
    }
}
