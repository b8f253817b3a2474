package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed page ("Use Hooks with Client Credentials Grant") done from the terminal, as the README's walkthrough
 * does it, plus {@code token get}'s own failures.
 */
class SeedPageCliTest {
    private static final String DATA_API = "https://api.example.com/data";
    private static TestServer server;
    private static CliRunner cli;
    private static String clientId;
    private static String clientSecret;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        cli = CliRunner.loggedIn(server);
        cli.run("apis", "create", "-n", "Data API", "-i", DATA_API, "-s", "read:data").assertOk();
        JsonNode app = cli.run("apps", "create", "-n", "Reporting service", "-o", "json").assertOk().json();
        clientId = app.path("client_id").asText();
        clientSecret = app.path("client_secret").asText();
        cli.run("grants", "create", "--app", "Reporting service", "--api", DATA_API, "--scopes", "read:data").assertOk();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tokenGetAndLoginTakeASecretThatLooksLikeAnOption() {
        // base64url secrets may begin with '-': '-pxy3...' once read as the option -p with a value (a CI run's secret)
        String secret = "-pxy3VB1noD7ufnmKLHQPlDQJaV3PyU8bXwMCc0J80Q";
        String id = cli.run("apps", "create", "-n", "Dash service", "-o", "json").assertOk().json().path("client_id").asText();
        server.apiOk("PATCH", "/clients/" + id, Map.of("client_secret", secret), 200);
        cli.run("grants", "create", "--app", "Dash service", "--api", DATA_API, "--scopes", "read:data").assertOk();
        cli.run("grants", "create", "--app", "Dash service", "--api", server.managementAudience(), "--scopes", "read:clients").assertOk();

        JsonNode token = cli.run("token", "get", "--audience", DATA_API, "--client-id", id, "--client-secret", secret,
                "-o", "json").assertOk().json();
        assertThat(token.path("access_token").asText()).isNotEmpty();
        cli.run("login", "--url", server.baseUrl(), "--client-id", id, "--client-secret", secret, "--profile", "dash").assertOk();
    }

    @Test
    void theSeedPageFromTheCommandLine() {
        Path hookFile = HooksCommandTest.file("hook.js", HooksCommandTest.SEED_HOOK);
        cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "client-credentials-exchange-hook", hookFile.toString()).assertOk();
        cli.run("hooks", "enable", "client-credentials-exchange-hook").assertOk();

        var decoded = cli.run("token", "get", "--audience", DATA_API, "--client-id", clientId, "--client-secret", clientSecret, "--decode").assertOk();
        assertThat(decoded.out()).containsPattern("scope: +read:data extra").contains("token_type:    Bearer")
                .contains("Signature:  verified with key ").contains("\"https://foo.com/claim\" : \"bar\"")
                .contains("\"scope\" : \"read:data extra\"").contains("\"sub\" : \"" + clientId + "@clients\"");

        JsonNode json = cli.run("token", "get", "--audience", DATA_API, "--client-id", clientId, "--client-secret", clientSecret,
                "--decode", "-o", "json").assertOk().json();
        assertThat(json.path("verified").asBoolean()).isTrue();
        assertThat(json.path("claims").path("https://foo.com/claim").asText()).isEqualTo("bar");
        assertThat(json.path("claims").path("scope").asText()).isEqualTo("read:data extra");
        assertThat(json.path("response").path("scope").asText()).isEqualTo("read:data extra");
        assertThat(json.path("header").path("kid").asText()).isNotEmpty();

        // manage the hook: disable it and the token is back to what the grant gives
        cli.run("hooks", "disable", "client-credentials-exchange-hook").assertOk();
        JsonNode plain = cli.run("token", "get", "--audience", DATA_API, "--client-id", clientId, "--client-secret", clientSecret,
                "-o", "json").assertOk().json();
        assertThat(plain.path("scope").asText()).isEqualTo("read:data");
        assertThat(cli.run("logs", "ls", "-n", "5", "--filter", "type:seccft").assertOk().out())
                .contains("Reporting service -> " + DATA_API + "  scope: read:data extra  (hook client-credentials-exchange-hook");
        cli.run("hooks", "rm", "client-credentials-exchange-hook", "-y").assertOk();
    }

    @Test
    void tokenGetAcceptsTheApisNameAndAScope() {
        JsonNode json = cli.run("token", "get", "--audience", "Data API", "--scope", "read:data", "--client-id", clientId,
                "--client-secret", clientSecret, "-o", "json").assertOk().json();
        assertThat(json.path("access_token").asText()).startsWith("eyJ");
    }

    @Test
    void tokenGetDefaultsToTheProfilesApplication() {
        JsonNode json = cli.run("token", "get", "--audience", server.managementAudience(), "--decode", "-o", "json").assertOk().json();
        assertThat(json.path("claims").path("azp").asText()).isEqualTo(TestServer.ADMIN_ID);
    }

    @Test
    void tokenGetWhenTheServerRefusesThenOneLineAndExit1() {
        var wrongSecret = cli.run("token", "get", "--audience", DATA_API, "--client-id", clientId, "--client-secret", "nope");
        wrongSecret.assertExit(1);
        assertThat(wrongSecret.errorLine()).isEqualTo("tokenhook: Client authentication failed (401 invalid_client)");

        var unknownAudience = cli.run("token", "get", "--audience", "https://nowhere.example", "--client-id", clientId, "--client-secret", clientSecret);
        unknownAudience.assertExit(1);
        assertThat(unknownAudience.errorLine()).isEqualTo("tokenhook: Service not enabled within domain: https://nowhere.example (403 access_denied)");

        var notGranted = cli.run("token", "get", "--audience", DATA_API, "--scope", "write:data", "--client-id", clientId, "--client-secret", clientSecret);
        notGranted.assertExit(1);
        assertThat(notGranted.errorLine()).isEqualTo("tokenhook: Client has not been granted scopes: write:data (403 access_denied)");

        var secretOnly = cli.run("token", "get", "--audience", DATA_API, "--client-secret", clientSecret);
        secretOnly.assertExit(2);
        assertThat(secretOnly.errorLine()).isEqualTo("tokenhook: --client-secret needs --client-id");

        cli.run("token", "get").assertExit(2);
    }

    @Test
    void tokenGetDecodeSaysWhenASignatureCannotBeCheckedAgainstTheJwks() {
        cli.run("apis", "create", "-i", "urn:hs256", "--signing-alg", "HS256").assertOk();
        cli.run("grants", "create", "--app", clientId, "--api", "urn:hs256").assertOk();
        var result = cli.run("token", "get", "--audience", "urn:hs256", "--client-id", clientId, "--client-secret", clientSecret, "--decode").assertOk();
        assertThat(result.out()).contains("Signature:  not verified: HS256 tokens are signed with the API's signing_secret");
    }
}
