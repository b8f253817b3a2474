package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** {@code tokenhook grants}: client grants ({@code /api/v2/client-grants}), which application may get tokens for which API. */
@Command(name = "grants", description = "Authorize applications for APIs (client grants).",
        subcommands = {GrantsCommand.Create.class, GrantsCommand.Ls.class, GrantsCommand.Update.class, GrantsCommand.Rm.class},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook grants create --app 'Reporting service' --api https://api.example.com/data --scopes read:data",
                "  tokenhook grants ls --app 'Reporting service'",
                "  tokenhook grants update --app 'Reporting service' --api 'Data API' --add-scopes write:data"})
final class GrantsCommand extends CommandGroup {

    static List<String> scopes(JsonNode grant) {
        var values = new ArrayList<String>();
        grant.path("scope").forEach(s -> values.add(s.asText()));
        return values;
    }

    /** Names a grant by its id, or by its application and API. */
    abstract static class GrantCommand extends FormattedCommand {
        @Parameters(arity = "0..1", paramLabel = "GRANT", description = "Id of the grant (or use --app and --api).")
        String id;

        @Option(names = {"-a", "--app"}, paramLabel = "APP", description = "Name or client_id of the application.")
        String app;

        @Option(names = "--api", paramLabel = "API", description = "Name, identifier or id of the API.")
        String api;

        GrantCommand(CliEnvironment env) {
            super(env);
        }

        JsonNode grant() {
            if (id != null) {
                if (app != null || api != null) throw CliException.usage("give either GRANT or --app and --api, not both");
                return client().get("/client-grants/" + Urls.encode(id));
            }
            if (app == null || api == null) throw CliException.usage("name the grant: GRANT, or --app APP and --api API");
            JsonNode application = resolve().app(app);
            JsonNode resource = resolve().api(api);
            var grants = client().listAll("/client-grants", Urls.Query.of("client_id", application.path("client_id").asText(),
                    "audience", resource.path("identifier").asText()));
            if (grants.isEmpty()) {
                throw CliException.failure("application " + AppsCommand.label(application) + " has no grant for "
                        + resource.path("identifier").asText());
            }
            return grants.get(0);
        }
    }

    @Command(name = "create", sortOptions = false, description = "Authorize an application for an API with some of its scopes.",
            footerHeading = "%nExamples:%n",
            footer = "  tokenhook grants create --app 'Reporting service' --api https://api.example.com/data --scopes read:data")
    static final class Create extends FormattedCommand {
        @Option(names = {"-a", "--app"}, required = true, paramLabel = "APP", description = "Name or client_id of the application.")
        String app;

        @Option(names = "--api", required = true, paramLabel = "API", description = "Name, identifier or id of the API.")
        String api;

        @Option(names = {"-s", "--scopes"}, split = ",", paramLabel = "SCOPE", description = "Granted scopes (defined by the API), comma-separated or repeated.")
        List<String> scopes;

        Create(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode application = resolve().app(app);
            JsonNode resource = resolve().api(api);
            var body = new LinkedHashMap<String, Object>();
            body.put("client_id", application.path("client_id").asText());
            body.put("audience", resource.path("identifier").asText());
            body.put("scope", scopes == null ? List.of() : scopes);
            JsonNode grant = client().post("/client-grants", body);
            if (out().printedAsJson(grant)) return 0;
            List<String> granted = scopes(grant);
            out().done(application.path("name").asText() + " may now get tokens for " + resource.path("identifier").asText()
                    + (granted.isEmpty() ? " (no scopes)" : " with scopes " + String.join(" ", granted)) + ". Grant id: " + grant.path("id").asText());
            out().message("Try it: tokenhook token get --audience " + Inputs.shellWord(resource.path("identifier").asText())
                    + " --client-id " + application.path("client_id").asText() + " --client-secret SECRET --decode");
            return 0;
        }
    }

    @Command(name = "ls", aliases = "list", description = "List grants, optionally of one application or API.",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook grants ls", "  tokenhook grants ls --app 'Reporting service'", "  tokenhook grants ls --api 'Data API' -o json"})
    static final class Ls extends FormattedCommand {
        @Option(names = {"-a", "--app"}, paramLabel = "APP", description = "Only grants of this application (name or client_id).")
        String app;

        @Option(names = "--api", paramLabel = "API", description = "Only grants for this API (name, identifier or id).")
        String api;

        Ls(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            var query = new Urls.Query();
            if (app != null) query.put("client_id", resolve().app(app).path("client_id").asText());
            if (api != null) query.put("audience", resolve().api(api).path("identifier").asText());
            var grants = client().listAll("/client-grants", query);
            if (out().printedAsJson(grants)) return 0;
            Map<String, String> names = new HashMap<>();
            client().listAll("/clients", Urls.Query.of("fields", "client_id,name"))
                    .forEach(c -> names.put(c.path("client_id").asText(), c.path("name").asText()));
            var table = out().table("ID", "APPLICATION", "API", "SCOPES");
            for (JsonNode g : grants) {
                String clientId = g.path("client_id").asText();
                List<String> scopes = scopes(g);
                table.row(g.path("id").asText(), names.getOrDefault(clientId, clientId), g.path("audience").asText(),
                        scopes.size() > 8 ? scopes.size() + " scopes" : String.join(" ", scopes));
            }
            table.print("No grants.");
            return 0;
        }
    }

    @Command(name = "update", sortOptions = false, description = "Change the scopes of a grant.",
            footerHeading = "%nExamples:%n",
            footer = {"  tokenhook grants update cgr_abc123 --scopes read:data,write:data",
                    "  tokenhook grants update --app 'Reporting service' --api 'Data API' --remove-scopes write:data"})
    static final class Update extends GrantCommand {
        @Option(names = {"-s", "--scopes"}, split = ",", paramLabel = "SCOPE", description = "Replace the scopes with these.")
        List<String> scopes;

        @Option(names = "--add-scopes", split = ",", paramLabel = "SCOPE", description = "Add these scopes.")
        List<String> add;

        @Option(names = "--remove-scopes", split = ",", paramLabel = "SCOPE", description = "Remove these scopes.")
        List<String> remove;

        Update(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            if (scopes == null && add == null && remove == null) {
                throw CliException.usage("nothing to change: give --scopes, --add-scopes or --remove-scopes");
            }
            JsonNode grant = grant();
            var result = new LinkedHashSet<>(scopes != null ? scopes : scopes(grant));
            if (add != null) result.addAll(add);
            if (remove != null) result.removeAll(remove);
            JsonNode updated = client().patch("/client-grants/" + Urls.encode(grant.path("id").asText()), Map.of("scope", List.copyOf(result)));
            if (out().json()) out().printJson(updated);
            else out().done("Grant " + updated.path("id").asText() + " for " + updated.path("audience").asText() + " now has scopes: "
                    + (result.isEmpty() ? "none" : String.join(" ", result)) + ".");
            return 0;
        }
    }

    @Command(name = "rm", aliases = "delete", description = "Remove a grant (asks first unless -y).",
            footerHeading = "%nExamples:%n",
            footer = {"  tokenhook grants rm cgr_abc123", "  tokenhook grants rm --app 'Reporting service' --api 'Data API' -y"})
    static final class Rm extends GrantCommand {
        @Mixin
        YesOption yes;

        Rm(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode grant = grant();
            String label = grant.path("id").asText() + " (" + grant.path("client_id").asText() + " for " + grant.path("audience").asText() + ")";
            if (!confirm(yes.yes, "Remove grant " + label + "? The application can no longer get tokens for that API.")) return cancelled();
            client().delete("/client-grants/" + Urls.encode(grant.path("id").asText()));
            if (out().json()) out().printJson(grant);
            out().done("Grant " + label + " removed.");
            return 0;
        }
    }
}
