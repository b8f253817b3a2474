package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tokenhook hooks ...} against a real server: the legacy CLI's verbs, secrets and the runner. */
class HooksCommandTest {
    static final String SEED_HOOK = """
            module.exports = function(client, scope, audience, context, cb) {
              var access_token = {};
              access_token['https://foo.com/claim'] = 'bar';
              access_token.scope = scope;
              access_token.scope.push('extra');
              cb(null, access_token);
            };
            """;
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

    static Path file(String name, String content) {
        try {
            Path dir = Files.createTempDirectory("hooks");
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode hook(String name) {
        for (JsonNode h : server.apiOk("GET", "/hooks", null, 200)) if (h.path("name").asText().equals(name)) return h;
        throw new AssertionError("no hook " + name);
    }

    @Test
    void scaffoldPrintsStarterCodeThatCreatesAWorkingHook() {
        String starter = cli.run("hooks", "scaffold", "-t", "credentials-exchange").assertOk().out();
        assertThat(starter).contains("module.exports = function (client, scope, audience, context, cb)").contains("cb(null, access_token);");
        cli.runWithInput(starter, "hooks", "create", "-t", "credentials-exchange", "-n", "from-scaffold").assertOk();
        var result = cli.run("hooks", "test", "from-scaffold").assertOk();
        assertThat(result.out()).contains("success").contains("Scope:   read:connections");

        assertThat(cli.run("hooks", "scaffold", "-t", "credentials-exchange", "--actions").assertOk().out())
                .contains("exports.onExecuteCredentialsExchange");
        assertThat(cli.run("hooks", "scaffold", "-t", "pre-user-registration").assertOk().out())
                .contains("function (user, context, cb)").contains("never run");
    }

    @Test
    void createStartsDisabledAndSaysHowToEnable() {
        Path file = file("seed.js", SEED_HOOK);
        var result = cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "created hook", file.toString()).assertOk();

        assertThat(result.out().strip()).isEqualTo("Hook created hook created in disabled state. To enable it, run: tokenhook hooks enable 'created hook'");
        JsonNode hook = hook("created hook");
        assertThat(hook.path("enabled").asBoolean()).isFalse();
        assertThat(hook.path("script").asText()).isEqualTo(SEED_HOOK);
    }

    @Test
    void createTakesTheNameFromTheFileAndSecretsFromFlagsAndAFile() {
        Path file = file("with-secrets.js", "module.exports = function (c, s, a, context, cb) { cb(null, {'https://x.example/k': context.webtask.secrets.API_KEY + context.webtask.secrets.REGION}); };");
        Path env = file(".env", "# secrets\nexport REGION=\"eu\"\n\nAPI_KEY=overridden\n");
        cli.run("hooks", "create", "-t", "credentials-exchange", "-s", "API_KEY=abc", "--secrets-file", env.toString(), file.toString()).assertOk();

        var secrets = cli.run("hooks", "secrets", "ls", "with-secrets", "-o", "json").assertOk().json();
        assertThat(secrets.path("API_KEY").asText()).isEqualTo("_VALUE_NOT_SHOWN_");
        assertThat(secrets.path("REGION").asText()).isEqualTo("_VALUE_NOT_SHOWN_");
        var test = cli.run("hooks", "test", "with-secrets", "-o", "json").assertOk().json();
        assertThat(test.path("claims").path("https://x.example/k").asText()).isEqualTo("abceu");
    }

    @Test
    void createRefusesBadInputWithUsageErrors() {
        Path file = file("ok.js", SEED_HOOK);
        var badType = cli.run("hooks", "create", "-t", "client-credentials", "-n", "x", file.toString());
        badType.assertExit(2);
        assertThat(badType.err()).contains("unknown hook type 'client-credentials'; expected one of: credentials-exchange, pre-user-registration");

        var badSecret = cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "x", "-s", "NOEQUALS", file.toString());
        badSecret.assertExit(2);
        assertThat(badSecret.errorLine()).isEqualTo("tokenhook: invalid secret 'NOEQUALS': expected KEY=VALUE");

        var missing = cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "x", "/no/such/hook.js");
        missing.assertExit(2);
        assertThat(missing.errorLine()).isEqualTo("tokenhook: cannot read /no/such/hook.js: no such file");

        var badName = cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "-bad-", file.toString());
        badName.assertExit(2);
        assertThat(badName.errorLine()).startsWith("tokenhook: invalid hook name '-bad-'");

        var noType = cli.run("hooks", "create", "-n", "x", file.toString());
        noType.assertExit(2);
        assertThat(noType.err()).contains("Missing required option: '--type=TYPE'");
    }

    @Test
    void createWhenTheServerRefusesThenOneLineAndExit1() {
        var broken = cli.runWithInput("module.exports = function( {", "hooks", "create", "-t", "credentials-exchange", "-n", "broken", "-");
        broken.assertExit(1);
        assertThat(broken.errorLine()).startsWith("tokenhook: Payload validation error").endsWith("(400 invalid_body)");

        Path file = file("dup.js", SEED_HOOK);
        cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "dup", file.toString()).assertOk();
        var again = cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "dup", file.toString());
        again.assertExit(1);
        assertThat(again.errorLine()).isEqualTo("tokenhook: Hook with the same name already exists. (409 hook_conflict); "
                + "to change its code: tokenhook hooks update dup FILE");
    }

    @Test
    void createWithRefusedSecretsLeavesNoHookBehind() {
        Path file = file("s.js", SEED_HOOK);
        var result = cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "too-long-secret", "-s", "K=" + "v".repeat(5000), file.toString());
        result.assertExit(2);
        assertThat(cli.run("hooks", "show", "too-long-secret").exitCode()).isEqualTo(1);
    }

    @Test
    void lsShowsHooksAsATableOrJson() {
        cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "listed", file("l.js", SEED_HOOK).toString()).assertOk();
        cli.run("hooks", "create", "-t", "pre-user-registration", "-n", "stored-only", file("p.js", "module.exports = function (user, context, cb) { cb(); };").toString()).assertOk();

        var table = cli.run("hooks", "ls").assertOk().out();
        assertThat(table.lines().findFirst().orElseThrow()).matches("NAME +TYPE +STATUS +ID");
        assertThat(table).containsPattern("listed +credentials-exchange +disabled +[0-9A-Z]{26}");

        JsonNode json = cli.run("hooks", "ls", "-t", "pre-user-registration", "-o", "json").assertOk().json();
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(1);
        assertThat(json.get(0).path("name").asText()).isEqualTo("stored-only");
    }

    @Test
    void showPrintsSettingsSecretNamesAndScript() {
        cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "shown", "-s", "TOKEN=t", file("s.js", SEED_HOOK).toString()).assertOk();
        String id = hook("shown").path("id").asText();

        var byName = cli.run("hooks", "show", "shown").assertOk().out();
        assertThat(byName).contains("Name:          shown").contains("ID:            " + id).contains("Status:        disabled")
                .contains("Secrets:       TOKEN (values are write-only)").contains(SEED_HOOK);
        assertThat(cli.run("hooks", "show", id, "-o", "json").assertOk().json().path("script").asText()).isEqualTo(SEED_HOOK);

        var unknown = cli.run("hooks", "show", "nope");
        unknown.assertExit(1);
        assertThat(unknown.errorLine()).isEqualTo("tokenhook: unknown hook 'nope' (tokenhook hooks ls lists them)");
    }

    @Test
    void enableDisablesTheOtherHookOfTheTriggerAndSaysSo() {
        cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "first-on", file("a.js", SEED_HOOK).toString()).assertOk();
        cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "second-on", file("b.js", SEED_HOOK).toString()).assertOk();
        cli.run("hooks", "enable", "first-on").assertOk();

        var result = cli.run("hooks", "enable", "second-on").assertOk();
        assertThat(result.out()).contains("The second-on (credentials-exchange) hook has been enabled.")
                .contains("Hook first-on was disabled: only one credentials-exchange hook is enabled at a time.");
        assertThat(hook("first-on").path("enabled").asBoolean()).isFalse();
        assertThat(hook("second-on").path("enabled").asBoolean()).isTrue();
        assertThat(cli.run("hooks", "enable", "second-on").assertOk().out()).contains("already enabled");

        var disabled = cli.run("hooks", "disable", hook("second-on").path("id").asText(), "-o", "json").assertOk();
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(disabled.err()).contains("The second-on (credentials-exchange) hook has been disabled.");
    }

    @Test
    void updateReplacesTheCodeFromAFileOrStandardInputAndRenames() {
        cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "updated", file("u.js", SEED_HOOK).toString()).assertOk();
        String newCode = SEED_HOOK.replace("'bar'", "'baz'");
        cli.runWithInput(newCode, "hooks", "update", "updated", "-").assertOk();
        assertThat(hook("updated").path("script").asText()).isEqualTo(newCode);

        cli.run("hooks", "update", "updated", "--name", "renamed").assertOk();
        assertThat(hook("renamed").path("script").asText()).isEqualTo(newCode);

        var empty = cli.runWithInput("", "hooks", "update", "renamed");
        empty.assertExit(2);
        assertThat(empty.errorLine()).isEqualTo("tokenhook: the hook script is empty");
    }

    @Test
    void rmAsksFirstAndRefusesWithoutATerminal() {
        cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "doomed", file("d.js", SEED_HOOK).toString()).assertOk();

        var refused = cli.run("hooks", "rm", "doomed");
        refused.assertExit(2);
        assertThat(refused.errorLine()).startsWith("tokenhook: not asking \"Delete hook doomed and its secrets?\" without a terminal: add -y");

        var terminal = new CliRunner().env("TOKENHOOK_CONFIG_DIR", cli.configDir().toString()).interactive(true);
        var declined = terminal.runWithInput("n\n", "hooks", "rm", "doomed");
        declined.assertExit(1);
        assertThat(declined.err()).contains("Delete hook doomed and its secrets? [y/N]");
        hook("doomed");

        terminal.runWithInput("y\n", "hooks", "rm", "doomed").assertOk();
        cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "doomed-too", file("d.js", SEED_HOOK).toString()).assertOk();
        assertThat(cli.run("hooks", "rm", "doomed-too", "-y").assertOk().out()).contains("Hook doomed-too deleted.");
        assertThat(cli.run("hooks", "show", "doomed").exitCode()).isEqualTo(1);
    }

    @Test
    void secretsAreSetUpdatedListedAndRemoved() {
        cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "secretive", file("s.js", SEED_HOOK).toString()).assertOk();
        assertThat(cli.run("hooks", "secrets", "ls", "secretive").assertOk().out()).contains("has no secrets");

        assertThat(cli.run("hooks", "secrets", "set", "secretive", "A=1", "B=2").assertOk().out()).contains("added A, B");
        assertThat(cli.run("hooks", "secrets", "set", "secretive", "B=3", "C=4").assertOk().out()).contains("added C; updated B");
        assertThat(cli.run("hooks", "secrets", "ls", "secretive").assertOk().out()).containsPattern("A +\\(hidden\\)").contains("B").contains("C");

        cli.run("hooks", "secrets", "rm", "secretive", "A", "C", "-y").assertOk();
        assertThat(cli.run("hooks", "secrets", "ls", "secretive", "-o", "json").assertOk().json().fieldNames())
                .toIterable().containsExactly("B");

        var unknown = cli.run("hooks", "secrets", "rm", "secretive", "ZZZ", "-y");
        unknown.assertExit(1);
        assertThat(unknown.errorLine()).isEqualTo("tokenhook: hook secretive has no secret ZZZ");
        cli.run("hooks", "secrets", "set", "secretive", "=oops").assertExit(2);
        cli.run("hooks", "secrets", "set", "secretive").assertExit(2);
    }

    @Test
    void testRunsTheHookWithAPayloadAndReportsErrorsWithExit1() {
        String code = """
                module.exports = function (client, scope, audience, context, cb) {
                  console.log('plan', client.metadata.plan);
                  if (client.metadata.plan === 'blocked') return cb(new InvalidScopeError('plan blocked'));
                  cb(null, { scope: scope, 'https://example.com/plan': client.metadata.plan });
                };
                """;
        cli.run("hooks", "create", "-t", "credentials-exchange", "-n", "tested", file("t.js", code).toString()).assertOk();

        var ok = cli.run("hooks", "test", "tested").assertOk().out();
        assertThat(ok).contains("Result:  success in").contains("Claims:  https://example.com/plan = \"full\"").contains("[log] plan full");

        Path payload = file("p.json", "{\"scope\":[\"read:data\"],\"client\":{\"metadata\":{\"plan\":\"blocked\"}}}");
        var refused = cli.run("hooks", "test", "tested", "--payload", payload.toString());
        refused.assertExit(1);
        assertThat(refused.out()).contains("Result:  error in").contains("Error:   400 invalid_scope: plan blocked").contains("[log] plan blocked");

        var json = cli.runWithInput("{\"scope\":[\"a\"]}", "hooks", "test", "tested", "--payload", "-", "-o", "json").assertOk().json();
        assertThat(json.path("scope").toString()).isEqualTo("[\"a\"]");

        var badPayload = cli.runWithInput("[1]", "hooks", "test", "tested", "--payload", "-");
        badPayload.assertExit(2);
        assertThat(badPayload.errorLine()).startsWith("tokenhook: the payload must be a JSON object");
    }
}
