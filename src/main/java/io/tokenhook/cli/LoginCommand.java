package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Callable;

/** {@code tokenhook login}: checks a server's credentials and stores them as a profile. */
@Command(name = "login", sortOptions = false,
        description = {"Check the credentials of an application granted Management API scopes (the admin application "
                + "printed at the server's first start) and save them as a profile (mode 0600).",
                "TOKENHOOK_URL, TOKENHOOK_CLIENT_ID and TOKENHOOK_CLIENT_SECRET override the saved profile."},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook login --url http://localhost:8080 --client-id ID --client-secret SECRET",
                "  tokenhook login --credentials-file data/admin-credentials.json",
                "  tokenhook login --credentials-file data/admin-credentials.json --ca-file data/ca.pem",
                "  tokenhook login --profile prod --url https://auth.example.com --client-id ID   (asks for the secret)"})
final class LoginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "The server's URL, e.g. http://localhost:8080.")
    String url;

    @Option(names = "--client-id", paramLabel = "ID", description = "client_id of the application.")
    String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET", description = "client_secret of the application (asked for on a terminal when left out).")
    String clientSecret;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "Read url, client_id and client_secret from FILE (the server's data/admin-credentials.json).")
    Path credentialsFile;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "Trust the CA certificates in this PEM file besides the JDK's (the server's data/ca.pem under "
                    + "--tls-self-signed); saved with the profile. Default: TOKENHOOK_CA_FILE.")
    Path caFile;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", defaultValue = CliConfig.DEFAULT_PROFILE,
            description = "Name of the profile to save (default: ${DEFAULT-VALUE}).")
    String profileName;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final CliEnvironment env;

    LoginCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        JsonNode file = credentialsFile == null ? null : readCredentials(credentialsFile);
        String base = Urls.base(first(url, file, "url", "--url URL", false));
        String id = first(clientId, file, "client_id", "--client-id ID", false);
        String secret = first(clientSecret, file, "client_secret", "--client-secret SECRET", true);

        Path ca = caFile != null ? caFile : env.caFile(null);
        var http = new Http(ca);
        var oauth = new OAuthClient(http, base);
        String audience = oauth.managementAudience();
        JsonNode token = oauth.exchange(id, secret, audience, null);
        var config = new CliConfig(env);
        var profile = new Profile(profileName, base, id, secret, audience, ca == null ? null : ca.toAbsolutePath().normalize());
        Instant now = InstantSource.system().instant();
        config.storeToken(profile, token.get("access_token").asText(), now.plusSeconds(token.path("expires_in").asLong(0)), now);
        String who = describe(new ManagementClient(http, profile, config, InstantSource.system()), id);
        config.save(profile);

        var out = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), env.colour(), Output.Format.table);
        out.done("Logged in to " + base + " as " + who + ".");
        out.message("Saved as profile '" + profileName + "' in " + config.configFile() + " (mode 0600).");
        return 0;
    }

    /** Checks that the Management API accepts the token; names the application when the token may read it. */
    private static String describe(ManagementClient client, String id) {
        try {
            JsonNode app = client.get("/clients/" + Urls.encode(id), Urls.Query.of("fields", "client_id,name"));
            return app.path("name").asText() + " (" + id + ")";
        } catch (CliException e) {
            if (e.status() == 403 || e.status() == 404) return id;
            throw e;
        }
    }

    /** The flag's value, else the credentials file's, else (secrets, on a terminal) a prompt. */
    private String first(String flag, JsonNode file, String field, String option, boolean secret) {
        if (flag != null && !flag.isBlank()) return flag;
        if (file != null && !file.path(field).asText("").isBlank()) return file.get(field).asText();
        if (env.interactive()) {
            var err = spec.commandLine().getErr();
            String answer = secret ? env.askSecret(err, field + ": ") : env.ask(err, field + ": ");
            if (answer != null && !answer.isBlank()) return answer.trim();
        }
        throw CliException.usage("missing " + option);
    }

    private static JsonNode readCredentials(Path file) {
        try {
            JsonNode node = Http.JSON.readTree(Files.readAllBytes(file));
            if (node == null || !node.isObject()) throw CliException.usage(file + " is not a JSON object");
            return node;
        } catch (java.nio.file.NoSuchFileException e) {
            throw CliException.usage("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }
}
