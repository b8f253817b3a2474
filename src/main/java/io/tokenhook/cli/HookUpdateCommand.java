package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;

/** {@code tokenhook hooks update}: replaces a hook's code (and optionally its name). */
@Command(name = "update", description = "Replace a hook's code with FILE (- or no FILE: standard input), or rename it.",
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook hooks update client-credentials-exchange-hook hook.js",
                "  git show main:hook.js | tokenhook hooks update client-credentials-exchange-hook -",
                "  tokenhook hooks update old-name --name new-name"})
final class HookUpdateCommand extends FormattedCommand {
    @Parameters(index = "0", paramLabel = "HOOK", description = "Name or id of the hook.")
    String ref;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE|-", description = "The new code.")
    String file;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Rename the hook.")
    String newName;

    HookUpdateCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    public Integer call() {
        var body = new LinkedHashMap<String, Object>();
        if (newName != null) body.put("name", HookCreateCommand.checkName(newName));
        if (file != null || newName == null) body.put("script", Inputs.read(file, env, "hook script"));
        JsonNode hook = resolve().hookRef(ref);
        JsonNode updated = client().patch(HooksCommand.path(hook), body);
        if (out().json()) out().printJson(updated);
        out().done("Hook " + updated.path("name").asText() + " updated" + (body.containsKey("script") ? "" : " (renamed)") + ".");
        return 0;
    }
}
