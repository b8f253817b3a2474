package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * {@code tokenhook hooks edit}: opens the hook's code in the user's editor and uploads it when it changed. Code
 * the server refuses (it does not load) is not saved: on a terminal the editor can be reopened on the edited
 * code; without one the command fails and says where the edits were kept.
 */
@Command(name = "edit", description = {"Open a hook's code in $VISUAL or $EDITOR (else vi) and save it when it changed.",
        "Code that does not load is refused by the server; you may reopen the editor to fix it."},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook hooks edit client-credentials-exchange-hook", "  EDITOR='code --wait' tokenhook hooks edit my-hook"})
final class HookEditCommand extends ServerCommand {
    @Parameters(paramLabel = "HOOK", description = "Name or id of the hook.")
    String ref;

    HookEditCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    public Integer call() {
        JsonNode hook = resolve().hook(ref);
        String name = hook.path("name").asText();
        String original = hook.path("script").asText();
        Path file = tempFile(name, original);
        while (true) {
            runEditor(file);
            String edited = Inputs.readFile(file);
            if (edited.equals(original)) {
                delete(file);
                out().message("No changes; hook " + name + " was not updated.");
                return 0;
            }
            try {
                client().patch(HooksCommand.path(hook), Map.of("script", edited));
                delete(file);
                out().done("Hook " + name + " updated.");
                return 0;
            } catch (CliException e) {
                if (e.status() != 400) throw keep(e.getMessage(), file);
                if (!env.interactive()) throw keep(e.getMessage() + "; hook " + name + " was not updated", file);
                out().err().println("tokenhook: the server refused the code:");
                out().err().println(e.detail().stripTrailing());
                if (!reopen()) throw keep("hook " + name + " was not updated", file);
            }
        }
    }

    private boolean reopen() {
        String answer = env.ask(out().err(), "Reopen the editor to fix it? [Y/n] ");
        return answer != null && (answer.isBlank() || answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y"));
    }

    private static CliException keep(String message, Path file) {
        return CliException.failure(message + " (your edits are in " + file + ")");
    }

    /** Runs the editor command line through {@code sh}, so {@code EDITOR='code --wait'} works as in git. */
    private void runEditor(Path file) {
        String editor = env.editor();
        int status;
        try {
            Process process = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "sh", file.toString()).inheritIO().start();
            status = process.waitFor();
        } catch (IOException e) {
            throw CliException.failure("cannot start the editor '" + editor + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted while the editor was open (your edits are in " + file + ")");
        }
        if (status == 127) throw CliException.failure("editor '" + editor + "' not found: set $VISUAL or $EDITOR");
        if (status != 0) throw keep("the editor '" + editor + "' exited with status " + status + "; nothing was saved", file);
    }

    private static Path tempFile(String name, String script) {
        try {
            Path file = Files.createTempFile("tokenhook-" + name.replaceAll("[^A-Za-z0-9-]", "-") + "-", ".js");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.writeString(file, script, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw CliException.failure("cannot create a temporary file: " + e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system cleans it up
        }
    }
}
