package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code tokenhook token get}: the seed page's "Test your hook", from the terminal. */
@Command(name = "token", description = "Get access tokens: test APIs, grants and hooks end to end.",
        subcommands = TokenCommand.Get.class,
        footerHeading = "%nExamples:%n",
        footer = "  tokenhook token get --audience https://api.example.com/data --client-id ID --client-secret SECRET --decode")
final class TokenCommand extends CommandGroup {

    @Command(name = "get", sortOptions = false,
            description = {"Run a client credentials exchange (POST /oauth/token) and print the response; with --decode, "
                    + "verify the token's signature against /.well-known/jwks.json and print its header and claims.",
                    "Uses the profile's application unless --client-id and --client-secret are given."},
            footerHeading = "%nExamples:%n",
            footer = {"  tokenhook token get --audience https://api.example.com/data --client-id ID --client-secret SECRET --decode",
                    "  tokenhook token get --audience 'Data API' --scope read:data --client-id ID   (asks for the secret)",
                    "  TOKEN=$(tokenhook token get --audience https://api.example.com/data --client-id ID --client-secret S -o json | jq -r .access_token)"})
    static final class Get extends FormattedCommand {
        @Option(names = {"-a", "--audience"}, required = true, paramLabel = "AUDIENCE",
                description = "The API identifier (an API's name works too with a profile's Management API access).")
        String audience;

        @Option(names = {"-s", "--scope"}, paramLabel = "SCOPE", description = "Space-separated scopes to ask for (default: every granted scope).")
        String scope;

        @Option(names = "--client-id", paramLabel = "ID", description = "client_id of the application (default: the profile's).")
        String clientId;

        @Option(names = "--client-secret", paramLabel = "SECRET", description = "Its client_secret (asked for on a terminal when left out).")
        String clientSecret;

        @Option(names = {"-d", "--decode"}, description = "Verify the token against the server's JWKS and print its header and claims.")
        boolean decode;

        @Option(names = "--url", paramLabel = "URL", description = "Server URL (default: the profile's).")
        String url;

        @Option(names = "--ca-file", paramLabel = "FILE",
                description = "Trust the CA certificates in this PEM file besides the JDK's (default: TOKENHOOK_CA_FILE, else the profile's).")
        Path caFile;

        Get(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            if (clientSecret != null && clientId == null) throw CliException.usage("--client-secret needs --client-id");
            String base = url != null ? Urls.base(url) : profileUrl();
            String id = clientId != null ? clientId : client().profile().clientId();
            String secret = clientId == null ? client().profile().clientSecret() : clientSecret != null ? clientSecret : askSecret();
            var oauth = new OAuthClient(new Http(caFile != null ? caFile : env.caFile(url != null ? null : client().profile().caFile())), base);
            JsonNode response = exchange(oauth, id, secret);
            TokenVerifier.Decoded decoded = decode ? TokenVerifier.decode(response.path("access_token").asText(), oauth) : null;
            if (out().json()) {
                if (decoded == null) {
                    out().printJson(response);
                } else {
                    ObjectNode all = Http.JSON.createObjectNode();
                    all.set("response", response);
                    all.set("header", decoded.header());
                    all.set("claims", decoded.claims());
                    all.put("verified", decoded.verified());
                    out().printJson(all);
                }
                return 0;
            }
            var rows = new ArrayList<String[]>();
            response.fields().forEachRemaining(e -> rows.add(new String[] {e.getKey(), e.getValue().asText()}));
            out().fields(rows);
            if (decoded != null) {
                out().out().println();
                out().fields(List.<String[]>of(new String[] {"Signature", out().style(decoded.note(), decoded.verified() ? Output.Style.GREEN : Output.Style.YELLOW)}));
                out().message(out().style("Header:", Output.Style.BOLD));
                out().printJson(decoded.header());
                out().message(out().style("Claims:", Output.Style.BOLD));
                out().printJson(decoded.claims());
            }
            return 0;
        }

        /**
         * The exchange. The audience may also be an API's name or id when the profile can read the APIs; a value
         * that names no API is sent as given, and the server says what it thinks of it.
         */
        private JsonNode exchange(OAuthClient oauth, String id, String secret) {
            return oauth.exchange(id, secret, identifier(), scope);
        }

        private String identifier() {
            if (url != null) return audience;
            Iterable<JsonNode> apis;
            try {
                apis = client().listAll("/resource-servers", new Urls.Query());
            } catch (CliException e) {
                return audience; // no profile, or one that may not read APIs
            }
            var matches = Resolver.matches(apis, audience, "identifier", "id", "name");
            if (matches.isEmpty()) return audience;
            return Resolver.find(matches, audience, "API", a -> a.path("name").asText() + " (" + a.path("identifier").asText() + ")",
                    "identifier", "id", "name").path("identifier").asText();
        }

        private String profileUrl() {
            try {
                return client().profile().url();
            } catch (CliException e) {
                if (clientId == null || e.exitCode() != CliException.USAGE) throw e;
                throw CliException.usage("which server? give --url URL, or log in first");
            }
        }

        private String askSecret() {
            if (!env.interactive()) throw CliException.usage("missing --client-secret");
            String secret = env.askSecret(out().err(), "client_secret: ");
            if (secret == null || secret.isBlank()) throw CliException.usage("missing --client-secret");
            return secret.trim();
        }
    }
}
