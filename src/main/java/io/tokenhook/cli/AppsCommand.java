package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code tokenhook apps}: applications ({@code /api/v2/clients}). */
@Command(name = "apps", description = "Manage applications (clients): the services that ask for tokens.",
        subcommands = {AppsCommand.Create.class, AppsCommand.Ls.class, AppsCommand.Show.class, AppsCommand.Update.class,
                AppsCommand.Rm.class, AppsCommand.RotateSecret.class},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook apps create -n 'Reporting service'", "  tokenhook apps ls",
                "  tokenhook apps update 'Reporting service' -m plan=gold", "  tokenhook apps rotate-secret 'Reporting service'"})
final class AppsCommand extends CommandGroup {
    static final String APP_HELP = "Name or client_id of the application.";

    static String path(JsonNode app) {
        return "/clients/" + Urls.encode(app.path("client_id").asText());
    }

    static String label(JsonNode app) {
        return app.path("name").asText() + " (" + app.path("client_id").asText() + ")";
    }

    /** Prints the new secret, which the server never shows again. */
    static void printSecret(Output out, JsonNode app) {
        out.fields(List.of(new String[] {"client_id", app.path("client_id").asText()},
                new String[] {"client_secret", app.path("client_secret").asText()}));
        out.message(out.style("The client secret is shown only now: store it safely.", Output.Style.YELLOW)
                + " (tokenhook apps rotate-secret makes a new one.)");
    }

    @Command(name = "create", sortOptions = false, description = "Create a machine-to-machine application; prints its secret once.",
            footerHeading = "%nExamples:%n",
            footer = {"  tokenhook apps create -n 'Reporting service'", "  tokenhook apps create -n billing -d 'Billing jobs' -m plan=gold -m region=eu",
                    "  tokenhook apps create -n ci -o json | jq -r .client_secret"})
    static final class Create extends FormattedCommand {
        @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", description = "Name of the application.")
        String name;

        @Option(names = {"-d", "--description"}, paramLabel = "TEXT", description = "Description (at most 140 characters).")
        String description;

        @Option(names = {"-m", "--metadata"}, paramLabel = "KEY=VALUE", description = "client_metadata entry (hooks see it as client.metadata); repeatable.")
        List<String> metadata;

        @Option(names = {"-t", "--type"}, paramLabel = "APP_TYPE", defaultValue = "non_interactive",
                description = "app_type (default: ${DEFAULT-VALUE}, a machine-to-machine application).")
        String type;

        Create(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            var body = new LinkedHashMap<String, Object>();
            body.put("name", name);
            if (description != null) body.put("description", description);
            body.put("app_type", type);
            Map<String, String> meta = Inputs.pairs(metadata, "metadata");
            if (!meta.isEmpty()) body.put("client_metadata", meta);
            JsonNode app = client().post("/clients", body);
            if (out().json()) {
                out().printJson(app);
                out().message("The client secret is shown only now: store it safely.");
                return 0;
            }
            out().done("Application " + name + " created.");
            printSecret(out(), app);
            out().message("Authorize it for an API: tokenhook grants create --app " + Inputs.shellWord(name) + " --api API --scopes SCOPE");
            return 0;
        }
    }

    @Command(name = "ls", aliases = "list", description = "List applications.",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook apps ls", "  tokenhook apps ls -o json | jq -r '.[] | [.client_id, .name] | @tsv'"})
    static final class Ls extends FormattedCommand {
        Ls(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            var apps = client().listAll("/clients", new Urls.Query());
            if (out().printedAsJson(apps)) return 0;
            var table = out().table("NAME", "CLIENT ID", "TYPE", "DESCRIPTION");
            for (JsonNode a : apps) table.row(a.path("name").asText(), a.path("client_id").asText(), a.path("app_type").asText(), a.path("description").asText(""));
            table.print("No applications.");
            return 0;
        }
    }

    @Command(name = "show", description = "Show an application and the APIs it is granted.",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook apps show 'Reporting service'", "  tokenhook apps show CLIENT_ID -o json"})
    static final class Show extends FormattedCommand {
        @Parameters(paramLabel = "APP", description = APP_HELP)
        String ref;

        Show(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode app = resolve().app(ref);
            if (out().printedAsJson(app)) return 0;
            var grants = new ArrayList<String>();
            for (JsonNode g : client().listAll("/client-grants", Urls.Query.of("client_id", app.path("client_id").asText()))) {
                grants.add(g.path("audience").asText() + " (" + String.join(" ", GrantsCommand.scopes(g)) + ")");
            }
            var meta = new ArrayList<String>();
            app.path("client_metadata").fields().forEachRemaining(e -> meta.add(e.getKey() + "=" + e.getValue().asText()));
            var grantTypes = new ArrayList<String>();
            app.path("grant_types").forEach(t -> grantTypes.add(t.asText()));
            var rows = new ArrayList<String[]>();
            rows.add(new String[] {"Name", app.path("name").asText()});
            rows.add(new String[] {"Client ID", app.path("client_id").asText()});
            rows.add(new String[] {"Type", app.path("app_type").asText()});
            if (!app.path("description").asText("").isEmpty()) rows.add(new String[] {"Description", app.path("description").asText()});
            rows.addAll(List.of(new String[] {"Grant types", String.join(" ", grantTypes)},
                    new String[] {"Auth method", app.path("token_endpoint_auth_method").asText()},
                    new String[] {"Metadata", meta.isEmpty() ? "none" : String.join(", ", meta)},
                    new String[] {"Granted APIs", grants.isEmpty() ? "none" : String.join(", ", grants)}));
            out().fields(rows);
            return 0;
        }
    }

    @Command(name = "update", sortOptions = false, description = "Change an application's name, description or metadata.",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook apps update 'Reporting service' -m plan=gold --remove-metadata trial"})
    static final class Update extends FormattedCommand {
        @Parameters(paramLabel = "APP", description = APP_HELP)
        String ref;

        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "New name.")
        String name;

        @Option(names = {"-d", "--description"}, paramLabel = "TEXT", description = "New description.")
        String description;

        @Option(names = {"-m", "--metadata"}, paramLabel = "KEY=VALUE", description = "Set a client_metadata entry; repeatable.")
        List<String> metadata;

        @Option(names = "--remove-metadata", paramLabel = "KEY", description = "Remove a client_metadata entry; repeatable.")
        List<String> removeMetadata;

        Update(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            if (name == null && description == null && metadata == null && removeMetadata == null) {
                throw CliException.usage("nothing to change: give --name, --description, --metadata or --remove-metadata");
            }
            Map<String, String> set = Inputs.pairs(metadata, "metadata");
            JsonNode app = resolve().app(ref);
            var body = new LinkedHashMap<String, Object>();
            if (name != null) body.put("name", name);
            if (description != null) body.put("description", description);
            if (metadata != null || removeMetadata != null) {
                var meta = new LinkedHashMap<String, String>();
                app.path("client_metadata").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
                meta.putAll(set);
                if (removeMetadata != null) removeMetadata.forEach(meta::remove);
                body.put("client_metadata", meta);
            }
            JsonNode updated = client().patch(path(app), body);
            if (out().json()) out().printJson(updated);
            else out().done("Application " + label(updated) + " updated.");
            return 0;
        }
    }

    @Command(name = "rm", aliases = "delete", description = "Delete an application and its grants (asks first unless -y).",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook apps rm 'Reporting service'", "  tokenhook apps rm CLIENT_ID -y"})
    static final class Rm extends ServerCommand {
        @Parameters(paramLabel = "APP", description = APP_HELP)
        String ref;

        @Mixin
        YesOption yes;

        Rm(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode app = resolve().app(ref);
            if (!confirm(yes.yes, "Delete application " + label(app) + " and its grants?")) return cancelled();
            client().delete(path(app));
            out().done("Application " + label(app) + " deleted.");
            return 0;
        }
    }

    @Command(name = "rotate-secret", description = {"Give an application a new client secret; the old one stops working at once "
            + "(asks first unless -y).", "Rotating the secret of the profile's own application updates the saved profile."},
            footerHeading = "%nExamples:%n", footer = {"  tokenhook apps rotate-secret 'Reporting service'",
                    "  NEW_SECRET=$(tokenhook apps rotate-secret CLIENT_ID -y -o json | jq -r .client_secret)"})
    static final class RotateSecret extends FormattedCommand {
        @Parameters(paramLabel = "APP", description = APP_HELP)
        String ref;

        @Mixin
        YesOption yes;

        RotateSecret(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode app = resolve().app(ref);
            if (!confirm(yes.yes, "Rotate the secret of " + label(app) + "? The current secret stops working at once.")) return cancelled();
            JsonNode rotated = client().post(path(app) + "/rotate-secret", null);
            Profile profile = client().profile();
            boolean own = profile.clientId().equals(rotated.path("client_id").asText());
            if (own && profile.name() != null) {
                new CliConfig(env).save(new Profile(profile.name(), profile.url(), profile.clientId(),
                        rotated.path("client_secret").asText(), profile.audience(), profile.caFile()));
            }
            if (out().json()) {
                out().printJson(rotated);
            } else {
                out().done("New secret for " + label(rotated) + ".");
                printSecret(out(), rotated);
            }
            if (own) {
                out().message(profile.name() != null ? "Profile '" + profile.name() + "' now uses the new secret."
                        : "This is the CLI's own application: update TOKENHOOK_CLIENT_SECRET.");
            }
            return 0;
        }
    }
}
