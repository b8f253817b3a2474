package io.tokenhook.cli;

import io.tokenhook.app.Main;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every command shares: help with examples, exit codes, one-line errors, colour rules, completion. */
class CliHabitsTest {
    private static final List<String> SERVER_SIDE = List.of("serve");
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

    /** Every CLI command, as the words that invoke it. */
    private static List<List<String>> commands() {
        var all = new ArrayList<List<String>>();
        var root = Main.commandLine(CliEnvironment.of(Map.of(), Path.of("/tmp"), false, new ByteArrayInputStream(new byte[0])));
        collect(root, List.of(), all);
        return all;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> all) {
        for (var e : command.getSubcommands().entrySet()) {
            if (SERVER_SIDE.contains(e.getKey()) || !e.getValue().getCommandName().equals(e.getKey())) continue; // skip aliases
            var words = new ArrayList<>(path);
            words.add(e.getKey());
            all.add(words);
            collect(e.getValue(), words, all);
        }
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        var commands = commands();
        assertThat(commands).hasSizeGreaterThan(40);
        for (List<String> words : commands) {
            var args = new ArrayList<>(words);
            args.add("--help");
            var result = cli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as("exit of %s", args).isZero();
            assertThat(result.out()).as("help of %s", words).startsWith("Usage: tokenhook " + String.join(" ", words)).contains("Examples:");
        }
    }

    @Test
    void usageErrorsExitWith2AndSayWhatWasWrong() {
        var unknownOption = cli.run("hooks", "ls", "--colour");
        unknownOption.assertExit(2);
        assertThat(unknownOption.err()).startsWith("tokenhook: Unknown option: '--colour'").contains("Try 'tokenhook hooks ls --help'");

        var typo = cli.run("hooks", "enabel", "x");
        typo.assertExit(2);
        assertThat(typo.err()).contains("Unmatched arguments from index 1: 'enabel', 'x'").contains("enable");

        var group = cli.run("hooks");
        group.assertExit(2);
        assertThat(group.err()).startsWith("tokenhook: Missing subcommand: one of scaffold, create, ls");

        var badFormat = cli.run("apis", "ls", "-o", "yaml");
        badFormat.assertExit(2);
        assertThat(badFormat.err()).contains("Invalid value for option '--output'");

        cli.run("hooks", "show").assertExit(2);
        cli.run("apps", "create").assertExit(2);
    }

    @Test
    void jsonOutputOfEveryListIsAPlainArray() {
        for (String[] args : List.of(new String[] {"hooks", "ls"}, new String[] {"apis", "ls"}, new String[] {"apps", "ls"},
                new String[] {"grants", "ls"}, new String[] {"keys", "ls"}, new String[] {"logs", "ls"})) {
            var withFormat = new ArrayList<>(List.of(args));
            withFormat.add("-o");
            withFormat.add("json");
            assertThat(cli.run(withFormat.toArray(String[]::new)).assertOk().json().isArray()).as("%s", withFormat).isTrue();
        }
        assertThat(cli.run("apis", "show", server.managementAudience(), "--output=JSON").assertOk().json().path("is_system").asBoolean()).isTrue();
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        var terminal = new CliRunner().env("TOKENHOOK_CONFIG_DIR", cli.configDir().toString()).interactive(true);
        assertThat(terminal.run("apis", "ls").assertOk().out()).contains("\u001b[1mNAME");
        assertThat(terminal.env("NO_COLOR", "1").run("apis", "ls").assertOk().out()).doesNotContain("\u001b[");
        assertThat(cli.run("apis", "ls").assertOk().out()).doesNotContain("\u001b[");
        assertThat(cli.run("apis", "--help").assertOk().out()).doesNotContain("\u001b[");
    }

    @Test
    void completionScriptsForBashAndZsh() {
        String bash = cli.run("completion", "bash").assertOk().out();
        assertThat(bash).contains("complete -F").contains("hooks").contains("credentials-exchange").contains("rotate-secret");
        String zsh = cli.run("completion", "zsh").assertOk().out();
        assertThat(zsh).contains("bashcompinit").contains("complete -F");
        var fish = cli.run("completion", "fish");
        fish.assertExit(2);
        assertThat(fish.errorLine()).isEqualTo("tokenhook: unknown shell 'fish': use bash or zsh");
    }

    @Test
    void serverRefusalsAreOneLineWithStatusAndCode() {
        var limited = ApiCaller.limited(server, cli);
        var refused = limited.run("hooks", "ls");
        refused.assertExit(1);
        assertThat(refused.errorLine()).isEqualTo("tokenhook: Insufficient scope, expected any of: read:hooks (403 insufficient_scope)");
    }

    /** A CLI logged in as an application that may only read applications. */
    static final class ApiCaller {
        static CliRunner limited(TestServer server, CliRunner admin) {
            var app = admin.run("apps", "create", "-n", "limited", "-o", "json").assertOk().json();
            server.grant(app.path("client_id").asText(), server.managementAudience(), "read:clients");
            var limited = new CliRunner();
            var login = limited.run("login", "--url", server.baseUrl(), "--client-id", app.path("client_id").asText(),
                    "--client-secret", app.path("client_secret").asText()).assertOk();
            assertThat(login.out()).contains("as limited (");
            return limited;
        }
    }
}
