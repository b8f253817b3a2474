package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code tokenhook hooks secrets}: a hook's write-only secrets ({@code /api/v2/hooks/{id}/secrets}). */
@Command(name = "secrets", description = "List, set and remove a hook's secrets (values are write-only).",
        subcommands = {HookSecretsCommand.Ls.class, HookSecretsCommand.Set.class, HookSecretsCommand.Rm.class},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook hooks secrets ls my-hook", "  tokenhook hooks secrets set my-hook API_KEY=abc123 REGION=eu",
                "  tokenhook hooks secrets rm my-hook REGION"})
final class HookSecretsCommand extends CommandGroup {

    static List<String> names(JsonNode secrets) {
        var names = new ArrayList<String>();
        secrets.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Command(name = "ls", aliases = "list", description = "List the names of a hook's secrets.",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook hooks secrets ls my-hook", "  tokenhook hooks secrets ls my-hook -o json"})
    static final class Ls extends FormattedCommand {
        @Parameters(paramLabel = "HOOK", description = "Name or id of the hook.")
        String ref;

        Ls(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode hook = resolve().hookRef(ref);
            JsonNode secrets = client().get(HooksCommand.path(hook) + "/secrets");
            if (out().printedAsJson(secrets)) return 0;
            var table = out().table("NAME", "VALUE");
            for (String name : names(secrets)) table.row(name, Output.cell("(hidden)", Output.Style.DIM));
            table.print("Hook " + hook.path("name").asText() + " has no secrets.");
            return 0;
        }
    }

    @Command(name = "set", description = "Add secrets or change their values.",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook hooks secrets set my-hook API_KEY=abc123",
                    "  tokenhook hooks secrets set my-hook --secrets-file .env"})
    static final class Set extends ServerCommand {
        @Parameters(index = "0", paramLabel = "HOOK", description = "Name or id of the hook.")
        String ref;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE", description = "Secrets to set.")
        List<String> pairs;

        @Option(names = "--secrets-file", paramLabel = "FILE", description = "Secrets as KEY=VALUE lines (# comments allowed).")
        Path secretsFile;

        Set(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            Map<String, String> secrets = Inputs.secrets(pairs, secretsFile);
            if (secrets.isEmpty()) throw CliException.usage("no secrets given: add KEY=VALUE arguments or --secrets-file FILE");
            JsonNode hook = resolve().hookRef(ref);
            String path = HooksCommand.path(hook) + "/secrets";
            List<String> existing = names(client().get(path));
            var added = new LinkedHashMap<String, String>();
            var changed = new LinkedHashMap<String, String>();
            secrets.forEach((k, v) -> (existing.contains(k) ? changed : added).put(k, v));
            if (existing.size() + added.size() > Inputs.MAX_SECRETS) {
                throw CliException.usage("a hook can have at most " + Inputs.MAX_SECRETS + " secrets; " + hook.path("name").asText()
                        + " has " + existing.size());
            }
            if (!added.isEmpty()) client().post(path, added);
            if (!changed.isEmpty()) client().patch(path, changed);
            var parts = new ArrayList<String>();
            if (!added.isEmpty()) parts.add("added " + String.join(", ", added.keySet()));
            if (!changed.isEmpty()) parts.add("updated " + String.join(", ", changed.keySet()));
            out().done("Secrets of hook " + hook.path("name").asText() + ": " + String.join("; ", parts) + ".");
            return 0;
        }
    }

    @Command(name = "rm", aliases = "delete", description = "Remove secrets from a hook (asks first unless -y).",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook hooks secrets rm my-hook REGION", "  tokenhook hooks secrets rm my-hook API_KEY REGION -y"})
    static final class Rm extends ServerCommand {
        @Parameters(index = "0", paramLabel = "HOOK", description = "Name or id of the hook.")
        String ref;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "Names of the secrets to remove.")
        List<String> keys;

        @Mixin
        YesOption yes;

        Rm(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode hook = resolve().hookRef(ref);
            String name = hook.path("name").asText();
            String path = HooksCommand.path(hook) + "/secrets";
            List<String> existing = names(client().get(path));
            var unknown = keys.stream().filter(k -> !existing.contains(k)).toList();
            if (!unknown.isEmpty()) throw CliException.failure("hook " + name + " has no secret " + String.join(", ", unknown));
            if (!confirm(yes.yes, "Remove " + String.join(", ", keys) + " from hook " + name + "?")) return cancelled();
            client().delete(path, keys);
            out().done("Removed " + String.join(", ", keys) + " from hook " + name + ".");
            return 0;
        }
    }
}
