package io.tokenhook.cli;

import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tokenhook hooks edit} with scripted editors standing in for a person. */
class HookEditCommandTest {
    private static TestServer server;
    private static CliRunner cli;
    private static Path dir;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        cli = CliRunner.loggedIn(server);
        dir = Files.createTempDirectory("editors");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An executable shell script standing in for an editor; it gets the file to edit as $1. */
    private static String editor(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    private static void create(String name) {
        cli.runWithInput(HooksCommandTest.SEED_HOOK, "hooks", "create", "-t", "credentials-exchange", "-n", name, "-").assertOk();
    }

    private static String script(String name) {
        return cli.run("hooks", "show", name, "-o", "json").assertOk().json().path("script").asText();
    }

    @Test
    void editUploadsWhatTheEditorChanged() throws IOException {
        create("edited");
        var result = cli.env("EDITOR", editor("to-baz.sh", "sed -i \"s/'bar'/'baz'/\" \"$1\"")).run("hooks", "edit", "edited");

        result.assertOk();
        assertThat(result.out()).contains("Hook edited updated.");
        assertThat(script("edited")).isEqualTo(HooksCommandTest.SEED_HOOK.replace("'bar'", "'baz'"));
    }

    @Test
    void editPrefersVisualAndAcceptsAnEditorCommandWithArguments() throws IOException {
        create("visual");
        cli.env("EDITOR", editor("fails.sh", "exit 3")).env("VISUAL", "sed -i s/extra/visual/");
        try {
            cli.run("hooks", "edit", "visual").assertOk();
        } finally {
            cli.env("VISUAL", null);
        }
        assertThat(script("visual")).contains("push('visual')");
    }

    @Test
    void editWithoutChangesUploadsNothing() {
        create("untouched");
        var result = cli.env("EDITOR", "true").run("hooks", "edit", "untouched").assertOk();
        assertThat(result.out()).contains("No changes; hook untouched was not updated.");
    }

    @Test
    void editWhenTheCodeDoesNotParseAndNoTerminalThenExit1KeepingTheEdits() throws IOException {
        create("broken-edit");
        var result = cli.env("EDITOR", editor("breaks.sh", "echo 'module.exports = function( {' > \"$1\"")).run("hooks", "edit", "broken-edit");

        result.assertExit(1);
        String line = result.errorLine();
        assertThat(line).startsWith("tokenhook: Payload validation error").contains("(400 invalid_body); hook broken-edit was not updated (your edits are in ");
        Path kept = Path.of(line.substring(line.indexOf("are in ") + 7, line.length() - 1));
        assertThat(Files.readString(kept)).contains("function( {");
        assertThat(script("broken-edit")).isEqualTo(HooksCommandTest.SEED_HOOK);
    }

    @Test
    void editWhenTheCodeDoesNotParseOnATerminalThenOffersToReopenTheEditor() throws IOException {
        create("fixed-later");
        Path count = dir.resolve("count");
        String editor = editor("breaks-then-fixes.sh", """
                if [ -f "%s" ]; then
                  sed -i 's/function( {/function (client, scope, audience, context, cb) { cb(null, {scope: scope}); };/' "$1"
                else
                  touch "%s"
                  echo 'module.exports = function( {' > "$1"
                fi""".formatted(count, count));
        var terminal = new CliRunner().env("TOKENHOOK_CONFIG_DIR", cli.configDir().toString()).env("EDITOR", editor).interactive(true);

        var result = terminal.runWithInput("y\n", "hooks", "edit", "fixed-later");

        result.assertOk();
        assertThat(result.err()).contains("tokenhook: the server refused the code:").contains("Expected").contains("Reopen the editor to fix it? [Y/n]");
        assertThat(result.out()).contains("Hook fixed-later updated.");
        assertThat(script("fixed-later")).contains("cb(null, {scope: scope})");
    }

    @Test
    void editWhenTheUserDeclinesToReopenThenExit1() throws IOException {
        create("declined");
        var terminal = new CliRunner().env("TOKENHOOK_CONFIG_DIR", cli.configDir().toString())
                .env("EDITOR", editor("always-breaks.sh", "echo 'exports = {' > \"$1\"")).interactive(true);
        var result = terminal.runWithInput("n\n", "hooks", "edit", "declined");
        result.assertExit(1);
        assertThat(result.err()).contains("tokenhook: hook declined was not updated (your edits are in ");
    }

    @Test
    void editWhenTheEditorFailsThenNothingIsSaved() {
        create("editor-fails");
        var result = cli.env("EDITOR", "false").run("hooks", "edit", "editor-fails");
        result.assertExit(1);
        assertThat(result.errorLine()).startsWith("tokenhook: the editor 'false' exited with status 1; nothing was saved");

        var missing = cli.env("EDITOR", "no-such-editor-xyz").run("hooks", "edit", "editor-fails");
        missing.assertExit(1);
        assertThat(missing.errorLine()).isEqualTo("tokenhook: editor 'no-such-editor-xyz' not found: set $VISUAL or $EDITOR");
    }
}
