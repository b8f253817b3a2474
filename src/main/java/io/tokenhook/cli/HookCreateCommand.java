package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code tokenhook hooks create}: a new hook, disabled, with its secrets. */
@Command(name = "create", sortOptions = false,
        description = {"Create a hook from FILE (- or no FILE: standard input). New hooks start disabled.",
                "Hook code may read its secrets as context.webtask.secrets.KEY (or event.secrets.KEY)."},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook hooks create -t credentials-exchange -n client-credentials-exchange-hook hook.js",
                "  tokenhook hooks create -t credentials-exchange -n tiers -s API_KEY=abc123 --secrets-file .env tiers.js",
                "  cat hook.js | tokenhook hooks create -t credentials-exchange -n from-stdin"})
final class HookCreateCommand extends FormattedCommand {
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9]([ \\-a-zA-Z0-9]*[a-zA-Z0-9])?");

    @Option(names = {"-t", "--type"}, required = true, paramLabel = "TYPE", converter = HookTypes.class,
            completionCandidates = HookTypes.class, description = "Hook type: ${COMPLETION-CANDIDATES}.")
    String type;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME",
            description = "Hook name: letters, digits, spaces and '-' (default: the file's name without extension).")
    String name;

    @Option(names = {"-s", "--secret"}, paramLabel = "KEY=VALUE", description = "A secret for the hook; repeatable.")
    List<String> secretFlags;

    @Option(names = "--secrets-file", paramLabel = "FILE", description = "Secrets as KEY=VALUE lines (# comments allowed).")
    Path secretsFile;

    @Parameters(arity = "0..1", paramLabel = "FILE|-", description = "The hook's code.")
    String file;

    HookCreateCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    public Integer call() {
        Map<String, String> secrets = Inputs.secrets(secretFlags, secretsFile);
        String hookName = checkName(name != null ? name : nameFromFile(file));
        String script = Inputs.read(file, env, "hook script");
        var body = new LinkedHashMap<String, Object>();
        body.put("name", hookName);
        body.put("script", script);
        body.put("triggerId", type);
        JsonNode hook;
        try {
            hook = client().post("/hooks", body);
        } catch (CliException e) {
            if (e.status() != 409) throw e;
            throw CliException.failure(e.getMessage() + "; to change its code: tokenhook hooks update "
                    + Inputs.shellWord(hookName) + " FILE");
        }
        if (!secrets.isEmpty()) addSecrets(hook, secrets);
        if (out().json()) out().printJson(hook);
        out().done("Hook " + hookName + " created in disabled state. To enable it, run: tokenhook hooks enable " + Inputs.shellWord(hookName));
        String note = HookTypes.storedOnly(type);
        if (note != null) out().warn(note);
        return 0;
    }

    /** Adds the secrets; if the server refuses them the new hook is deleted again, so nothing half-made is left. */
    private void addSecrets(JsonNode hook, Map<String, String> secrets) {
        try {
            client().post(HooksCommand.path(hook) + "/secrets", secrets);
        } catch (CliException e) {
            client().delete(HooksCommand.path(hook));
            throw CliException.failure(e.getMessage() + "; the hook was not created");
        }
    }

    static String checkName(String name) {
        if (!NAME.matcher(name).matches() || name.length() > 128) {
            throw CliException.usage("invalid hook name '" + name + "': use letters, digits, spaces and '-', "
                    + "neither first nor last a '-' or space");
        }
        return name;
    }

    private static String nameFromFile(String file) {
        if (file == null || file.equals("-")) throw CliException.usage("missing --name (required when the code comes from standard input)");
        String base = Path.of(file).getFileName().toString();
        int dot = base.lastIndexOf('.');
        return (dot > 0 ? base.substring(0, dot) : base).replaceAll("[^a-zA-Z0-9 -]", "-");
    }
}
