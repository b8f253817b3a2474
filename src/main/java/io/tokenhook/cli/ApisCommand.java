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

/** {@code tokenhook apis}: resource servers ({@code /api/v2/resource-servers}). */
@Command(name = "apis", description = "Manage APIs (resource servers): what tokens are for.",
        subcommands = {ApisCommand.Create.class, ApisCommand.Ls.class, ApisCommand.Show.class, ApisCommand.Update.class, ApisCommand.Rm.class},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook apis create -n 'Data API' -i https://api.example.com/data -s read:data,write:data",
                "  tokenhook apis ls", "  tokenhook apis update 'Data API' --add-scopes admin:data"})
final class ApisCommand extends CommandGroup {
    static final String API_HELP = "Name, identifier or id of the API.";

    static String path(JsonNode api) {
        return "/resource-servers/" + Urls.encode(api.path("id").asText());
    }

    static List<String> scopes(JsonNode api) {
        var values = new ArrayList<String>();
        api.path("scopes").forEach(s -> values.add(s.path("value").asText()));
        return values;
    }

    static void print(Output out, JsonNode api) {
        List<String> scopes = scopes(api);
        out.fields(List.of(new String[] {"Name", api.path("name").asText() + (api.path("is_system").asBoolean() ? " (system)" : "")},
                new String[] {"Identifier", api.path("identifier").asText()}, new String[] {"ID", api.path("id").asText()},
                new String[] {"Scopes", scopes.isEmpty() ? "none" : String.join(" ", scopes)},
                new String[] {"Signing alg", api.path("signing_alg").asText()},
                new String[] {"Token lifetime", api.path("token_lifetime").asText() + " s"}));
    }

    @Command(name = "create", sortOptions = false, description = "Create an API.",
            footerHeading = "%nExamples:%n",
            footer = {"  tokenhook apis create -n 'Data API' -i https://api.example.com/data -s read:data",
                    "  tokenhook apis create -i urn:reports -s read:reports -l 3600 --signing-alg ES256"})
    static final class Create extends FormattedCommand {
        @Option(names = {"-i", "--identifier"}, required = true, paramLabel = "IDENTIFIER",
                description = "The audience clients ask tokens for (usually a URL); cannot change later.")
        String identifier;

        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Display name (default: the identifier).")
        String name;

        @Option(names = {"-s", "--scopes"}, split = ",", paramLabel = "SCOPE", description = "Scopes the API defines, comma-separated or repeated.")
        List<String> scopes;

        @Option(names = {"-l", "--token-lifetime"}, paramLabel = "SECONDS", description = "Token lifetime (default 86400).")
        Integer lifetime;

        @Option(names = "--signing-alg", paramLabel = "ALG", description = "RS256 (default), PS256, ES256, EdDSA (Ed25519) or HS256.")
        String alg;

        Create(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            var body = new LinkedHashMap<String, Object>();
            body.put("identifier", identifier);
            if (name != null) body.put("name", name);
            if (scopes != null) body.put("scopes", scopes.stream().map(s -> Map.of("value", s)).toList());
            if (lifetime != null) body.put("token_lifetime", lifetime);
            if (alg != null) body.put("signing_alg", alg);
            JsonNode api = client().post("/resource-servers", body);
            if (out().printedAsJson(api)) return 0;
            out().done("API " + api.path("name").asText() + " created.");
            print(out(), api);
            out().message("Authorize an application: tokenhook grants create --app APP --api " + Inputs.shellWord(identifier)
                    + (scopes == null ? "" : " --scopes " + String.join(",", scopes)));
            return 0;
        }
    }

    @Command(name = "ls", aliases = "list", description = "List APIs.",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook apis ls", "  tokenhook apis ls -o json | jq -r '.[].identifier'"})
    static final class Ls extends FormattedCommand {
        Ls(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            var apis = client().listAll("/resource-servers", new Urls.Query());
            if (out().printedAsJson(apis)) return 0;
            var table = out().table("NAME", "IDENTIFIER", "ALG", "SCOPES", "ID");
            for (JsonNode a : apis) {
                boolean system = a.path("is_system").asBoolean();
                List<String> scopes = scopes(a);
                table.row(system ? Output.cell(a.path("name").asText() + " (system)", Output.Style.DIM) : a.path("name").asText(),
                        a.path("identifier").asText(), a.path("signing_alg").asText(),
                        system ? scopes.size() + " management scopes" : String.join(" ", scopes), a.path("id").asText());
            }
            table.print("No APIs.");
            return 0;
        }
    }

    @Command(name = "show", description = "Show an API.",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook apis show 'Data API'", "  tokenhook apis show https://api.example.com/data -o json"})
    static final class Show extends FormattedCommand {
        @Parameters(paramLabel = "API", description = API_HELP)
        String ref;

        Show(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode api = resolve().api(ref);
            if (out().json()) out().printJson(api);
            else print(out(), api);
            return 0;
        }
    }

    @Command(name = "update", sortOptions = false, description = "Change an API's name, scopes or token lifetime.",
            footerHeading = "%nExamples:%n",
            footer = {"  tokenhook apis update 'Data API' --add-scopes write:data", "  tokenhook apis update https://api.example.com/data -l 3600"})
    static final class Update extends FormattedCommand {
        @Parameters(paramLabel = "API", description = API_HELP)
        String ref;

        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "New name.")
        String name;

        @Option(names = {"-s", "--scopes"}, split = ",", paramLabel = "SCOPE", description = "Replace the scopes with these.")
        List<String> scopes;

        @Option(names = "--add-scopes", split = ",", paramLabel = "SCOPE", description = "Add these scopes.")
        List<String> add;

        @Option(names = "--remove-scopes", split = ",", paramLabel = "SCOPE", description = "Remove these scopes.")
        List<String> remove;

        @Option(names = {"-l", "--token-lifetime"}, paramLabel = "SECONDS", description = "New token lifetime.")
        Integer lifetime;

        Update(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            if (name == null && scopes == null && add == null && remove == null && lifetime == null) {
                throw CliException.usage("nothing to change: give --name, --scopes, --add-scopes, --remove-scopes or --token-lifetime");
            }
            JsonNode api = resolve().api(ref);
            var body = new LinkedHashMap<String, Object>();
            if (name != null) body.put("name", name);
            if (lifetime != null) body.put("token_lifetime", lifetime);
            if (scopes != null || add != null || remove != null) body.put("scopes", newScopes(api));
            JsonNode updated = client().patch(path(api), body);
            if (out().printedAsJson(updated)) return 0;
            out().done("API " + updated.path("name").asText() + " updated.");
            print(out(), updated);
            return 0;
        }

        /** The scope objects after the change, keeping the descriptions of those that stay. */
        private List<JsonNode> newScopes(JsonNode api) {
            var byValue = new LinkedHashMap<String, JsonNode>();
            if (scopes == null) api.path("scopes").forEach(s -> byValue.put(s.path("value").asText(), s));
            else scopes.forEach(s -> byValue.put(s, Http.JSON.createObjectNode().put("value", s)));
            if (add != null) add.forEach(s -> byValue.putIfAbsent(s, Http.JSON.createObjectNode().put("value", s)));
            if (remove != null) {
                for (String s : remove) {
                    if (byValue.remove(s) == null) throw CliException.usage("API " + api.path("name").asText() + " has no scope " + s);
                }
            }
            return List.copyOf(byValue.values());
        }
    }

    @Command(name = "rm", aliases = "delete", description = "Delete an API and its client grants (asks first unless -y).",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook apis rm 'Data API'", "  tokenhook apis rm https://api.example.com/data -y"})
    static final class Rm extends ServerCommand {
        @Parameters(paramLabel = "API", description = API_HELP)
        String ref;

        @Mixin
        YesOption yes;

        Rm(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode api = resolve().api(ref);
            String label = api.path("name").asText() + " (" + api.path("identifier").asText() + ")";
            if (!confirm(yes.yes, "Delete API " + label + " and its client grants?")) return cancelled();
            client().delete(path(api));
            out().done("API " + label + " deleted.");
            return 0;
        }
    }
}
