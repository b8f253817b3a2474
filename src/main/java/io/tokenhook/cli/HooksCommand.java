package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code tokenhook hooks}: the legacy Auth0 hook CLI's verbs, against {@code /api/v2/hooks}. */
@Command(name = "hooks", description = "Create, edit, enable, disable, test and delete hooks.",
        subcommands = {HookScaffoldCommand.class, HookCreateCommand.class, HooksCommand.Ls.class, HooksCommand.Show.class,
                HooksCommand.Enable.class, HooksCommand.Disable.class, HookEditCommand.class, HookUpdateCommand.class,
                HooksCommand.Rm.class, HookSecretsCommand.class, HookTestCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook hooks scaffold -t credentials-exchange > hook.js",
                "  tokenhook hooks create -t credentials-exchange -n client-credentials-exchange-hook hook.js",
                "  tokenhook hooks enable client-credentials-exchange-hook",
                "  tokenhook hooks edit client-credentials-exchange-hook"})
final class HooksCommand extends CommandGroup {

    static String status(JsonNode hook) {
        return hook.path("enabled").asBoolean() ? "enabled" : "disabled";
    }

    static Output.Cell statusCell(JsonNode hook) {
        return Output.cell(status(hook), hook.path("enabled").asBoolean() ? Output.Style.GREEN : Output.Style.DIM);
    }

    static String path(JsonNode hook) {
        return "/hooks/" + Urls.encode(hook.path("id").asText());
    }

    @Command(name = "ls", aliases = "list", description = "List hooks.", sortOptions = false,
            footerHeading = "%nExamples:%n", footer = {"  tokenhook hooks ls", "  tokenhook hooks ls -t credentials-exchange -o json"})
    static final class Ls extends FormattedCommand {
        @Option(names = {"-t", "--type"}, paramLabel = "TYPE", converter = HookTypes.class, completionCandidates = HookTypes.class,
                description = "Only hooks of this type: ${COMPLETION-CANDIDATES}.")
        String type;

        Ls(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            var hooks = client().listAll("/hooks", Urls.Query.of("fields", "id,name,enabled,triggerId").put("triggerId", type));
            if (out().printedAsJson(hooks)) return 0;
            var sorted = new ArrayList<JsonNode>();
            hooks.forEach(sorted::add);
            sorted.sort(Comparator.comparing((JsonNode h) -> HookTypes.ALL.indexOf(h.path("triggerId").asText()))
                    .thenComparing(h -> h.path("name").asText()));
            var table = out().table("NAME", "TYPE", "STATUS", "ID");
            for (JsonNode h : sorted) table.row(h.path("name").asText(), h.path("triggerId").asText(), statusCell(h), h.path("id").asText());
            table.print("No hooks" + (type == null ? "" : " of type " + type) + ". Create one: tokenhook hooks create -t credentials-exchange -n NAME FILE");
            return 0;
        }
    }

    @Command(name = "show", description = "Show a hook: its settings, secret names and script.",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook hooks show client-credentials-exchange-hook",
                    "  tokenhook hooks show client-credentials-exchange-hook -o json | jq -r .script"})
    static final class Show extends FormattedCommand {
        @Parameters(paramLabel = "HOOK", description = "Name or id of the hook.")
        String ref;

        Show(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode hook = resolve().hook(ref);
            if (out().printedAsJson(hook)) return 0;
            JsonNode secrets = client().get(path(hook) + "/secrets");
            var names = new ArrayList<String>();
            secrets.fieldNames().forEachRemaining(names::add);
            var deps = new ArrayList<String>();
            hook.path("dependencies").fields().forEachRemaining(e -> deps.add(e.getKey() + "@" + e.getValue().asText()));
            out().fields(List.of(new String[] {"Name", hook.path("name").asText()}, new String[] {"ID", hook.path("id").asText()},
                    new String[] {"Type", hook.path("triggerId").asText()}, new String[] {"Status", status(hook)},
                    new String[] {"Secrets", names.isEmpty() ? "none" : String.join(", ", names) + " (values are write-only)"},
                    new String[] {"Dependencies", deps.isEmpty() ? "none" : String.join(", ", deps)}));
            out().out().println();
            out().out().print(hook.path("script").asText());
            if (!hook.path("script").asText().endsWith("\n")) out().out().println();
            out().out().flush();
            return 0;
        }
    }

    @Command(name = "enable", description = {"Enable a hook. Only one hook of each type is enabled at a time: "
            + "the one enabled before is disabled in the same change."},
            footerHeading = "%nExamples:%n", footer = "  tokenhook hooks enable client-credentials-exchange-hook")
    static final class Enable extends FormattedCommand {
        @Parameters(paramLabel = "HOOK", description = "Name or id of the hook.")
        String ref;

        Enable(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode hook = resolve().hookRef(ref);
            String name = hook.path("name").asText();
            String type = hook.path("triggerId").asText();
            var others = new ArrayList<String>();
            client().listAll("/hooks", Urls.Query.of("fields", "id,name", "triggerId", type, "enabled", "true")).forEach(h -> {
                if (!h.path("id").asText().equals(hook.path("id").asText())) others.add(h.path("name").asText());
            });
            JsonNode updated = hook.path("enabled").asBoolean() ? client().get(path(hook)) : client().patch(path(hook), Map.of("enabled", true));
            if (out().json()) out().printJson(updated);
            if (hook.path("enabled").asBoolean()) {
                out().message("Hook " + name + " is already enabled.");
                return 0;
            }
            out().done("The " + name + " (" + type + ") hook has been enabled.");
            for (String other : others) {
                out().message("Hook " + other + " was disabled: only one " + type + " hook is enabled at a time.");
            }
            String note = HookTypes.storedOnly(type);
            if (note != null) out().warn(note);
            return 0;
        }
    }

    @Command(name = "disable", description = "Disable a hook: exchanges then run without it.",
            footerHeading = "%nExamples:%n", footer = "  tokenhook hooks disable client-credentials-exchange-hook")
    static final class Disable extends FormattedCommand {
        @Parameters(paramLabel = "HOOK", description = "Name or id of the hook.")
        String ref;

        Disable(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode hook = resolve().hookRef(ref);
            String name = hook.path("name").asText();
            boolean enabled = hook.path("enabled").asBoolean();
            JsonNode updated = enabled ? client().patch(path(hook), Map.of("enabled", false)) : client().get(path(hook));
            if (out().json()) out().printJson(updated);
            if (enabled) {
                out().done("The " + name + " (" + hook.path("triggerId").asText() + ") hook has been disabled.");
            } else {
                out().message("Hook " + name + " is already disabled.");
            }
            return 0;
        }
    }

    @Command(name = "rm", aliases = "delete", description = "Delete a hook and its secrets (asks first unless -y).",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook hooks rm old-hook", "  tokenhook hooks rm old-hook -y"})
    static final class Rm extends ServerCommand {
        @Parameters(paramLabel = "HOOK", description = "Name or id of the hook.")
        String ref;

        @Mixin
        YesOption yes;

        Rm(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode hook = resolve().hookRef(ref);
            String name = hook.path("name").asText();
            String warning = hook.path("enabled").asBoolean() ? " It is enabled: exchanges will run without a hook." : "";
            if (!confirm(yes.yes, "Delete hook " + name + " and its secrets?" + warning)) return cancelled();
            client().delete(path(hook));
            out().done("Hook " + name + " deleted.");
            return 0;
        }
    }
}
