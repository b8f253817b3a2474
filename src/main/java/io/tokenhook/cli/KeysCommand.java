package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;

/** {@code tokenhook keys}: the tenant signing keys ({@code /api/v2/keys/signing}). */
@Command(name = "keys", description = "List, rotate and revoke the signing keys (published in the JWKS).",
        subcommands = {KeysCommand.Ls.class, KeysCommand.Rotate.class, KeysCommand.Revoke.class},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook keys ls", "  tokenhook keys rotate", "  tokenhook keys revoke KID"})
final class KeysCommand extends CommandGroup {

    static String state(JsonNode key) {
        if (key.path("current").asBoolean()) return "current";
        if (key.path("next").asBoolean()) return "next";
        if (key.path("previous").asBoolean()) return "previous";
        return key.path("revoked").asBoolean() ? "revoked" : "?";
    }

    /** When the key's state began or changes, as far as it matters to an operator. */
    static String since(JsonNode key) {
        String since = key.path("current_since").asText(), until = key.path("current_until").asText();
        return switch (state(key)) {
            case "current" -> "current since " + since + (until.isEmpty() ? "" : ", until " + until);
            case "next" -> since.isEmpty() ? "published, signs after the next rotation" : "signs from " + since;
            case "previous" -> "current until " + until + (key.path("published").asBoolean()
                    ? (key.has("published_until") ? ", in the JWKS until " + key.path("published_until").asText() : "")
                    : ", out of the JWKS");
            case "revoked" -> "revoked at " + key.path("revoked_at").asText();
            default -> "";
        };
    }

    @Command(name = "ls", aliases = "list", description = "List the signing keys and their state.",
            footerHeading = "%nExamples:%n", footer = {"  tokenhook keys ls", "  tokenhook keys ls -o json"})
    static final class Ls extends FormattedCommand {
        Ls(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode keys = client().get("/keys/signing");
            if (out().printedAsJson(keys)) return 0;
            var table = out().table("KID", "ALG", "STATE", "SINCE");
            for (JsonNode k : keys) {
                String state = state(k);
                Output.Style style = switch (state) {
                    case "current" -> Output.Style.GREEN;
                    case "revoked" -> Output.Style.DIM;
                    default -> null;
                };
                table.row(k.path("kid").asText(), k.path("alg").asText(), Output.cell(state, style), since(k));
            }
            table.print("No signing keys.");
            return 0;
        }
    }

    @Command(name = "rotate", description = {"Rotate the key of each algorithm in use. The new keys are published at once and "
            + "start signing on every node after the server's key activation delay (5 s by default); the old keys stay "
            + "published until the tokens they signed have expired, or until you revoke them."},
            footerHeading = "%nExamples:%n", footer = "  tokenhook keys rotate")
    static final class Rotate extends FormattedCommand {
        Rotate(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            JsonNode rotated = client().post("/keys/signing/rotate", null);
            if (out().printedAsJson(rotated)) return 0;
            var keys = new ArrayList<String>();
            for (JsonNode k : rotated.path("keys")) keys.add(k.path("alg").asText() + " " + k.path("kid").asText());
            out().done("Signing keys rotated; from " + rotated.path("current_since").asText() + " new tokens are signed with "
                    + String.join(", ", keys) + ".");
            out().message("The new keys are in the JWKS now. The previous keys stay there until the tokens they signed have "
                    + "expired; to remove one at once: tokenhook keys revoke KID");
            return 0;
        }
    }

    @Command(name = "revoke", description = {"Revoke a previous key: it leaves the JWKS at once and tokens it signed stop "
            + "verifying (asks first unless -y). The current key cannot be revoked: rotate first."},
            footerHeading = "%nExamples:%n", footer = "  tokenhook keys revoke 3Bb6... -y")
    static final class Revoke extends FormattedCommand {
        @Parameters(paramLabel = "KID", description = "Key id (tokenhook keys ls).")
        String kid;

        @Mixin
        YesOption yes;

        Revoke(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            String path = "/keys/signing/" + Urls.encode(kid);
            client().get(path);
            if (!confirm(yes.yes, "Revoke signing key " + kid + "? Tokens it signed stop verifying at once.")) return cancelled();
            JsonNode revoked = client().put(path + "/revoke", null);
            if (out().json()) out().printJson(revoked);
            else out().done("Signing key " + kid + " revoked and removed from the JWKS.");
            return 0;
        }
    }
}
