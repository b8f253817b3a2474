package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code tokenhook hooks test}: runs a hook on a sample exchange without issuing a token. */
@Command(name = "test", sortOptions = false,
        description = {"Run a hook as an exchange would, without issuing a token, and show what the token would carry.",
                "The payload is {client, scope, audience, context}; each part left out takes the default of Auth0's runner.",
                "Exit status 1 when the hook refuses the token."},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook hooks test client-credentials-exchange-hook",
                "  tokenhook hooks test my-hook --payload payload.json",
                "  echo '{\"scope\":[\"read:data\"],\"client\":{\"metadata\":{\"plan\":\"gold\"}}}' | tokenhook hooks test my-hook --payload -",
                "  tokenhook hooks test my-hook --script draft.js     (try unsaved code with the hook's secrets)"})
final class HookTestCommand extends FormattedCommand {
    @Parameters(paramLabel = "HOOK", description = "Name or id of the hook.")
    String ref;

    @Option(names = "--payload", paramLabel = "FILE|-", description = "JSON payload to run the hook with.")
    String payload;

    @Option(names = "--script", paramLabel = "FILE", description = "Run this code instead of the saved code.")
    Path script;

    HookTestCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    public Integer call() {
        ObjectNode body = payload == null ? null : parsePayload(Inputs.read(payload, env, "payload"));
        if (script != null) {
            if (body == null) body = Http.JSON.createObjectNode();
            body.put("script", Inputs.readFile(script));
        }
        JsonNode hook = resolve().hookRef(ref);
        JsonNode result = client().post(HooksCommand.path(hook) + "/test", body);
        boolean success = "success".equals(result.path("result").asText());
        if (out().json()) {
            out().printJson(result);
            return success ? 0 : CliException.FAILURE;
        }
        String name = hook.path("name").asText();
        String took = String.format(java.util.Locale.ROOT, "%.2f ms", result.path("duration_ms").asDouble());
        var rows = new ArrayList<String[]>();
        if (success) {
            rows.add(new String[] {"Result", out().style("success", Output.Style.GREEN) + " in " + took});
            rows.add(new String[] {"Scope", join(result.path("scope"))});
            var claims = new ArrayList<String>();
            result.path("claims").fields().forEachRemaining(e -> claims.add(e.getKey() + " = " + e.getValue()));
            rows.add(new String[] {"Claims", claims.isEmpty() ? "none" : String.join(", ", claims)});
            for (JsonNode w : result.path("warnings")) rows.add(new String[] {"Warning", w.asText()});
        } else {
            rows.add(new String[] {"Result", out().style("error", Output.Style.RED) + " in " + took});
            rows.add(new String[] {"Error", result.path("status").asInt() + " " + result.path("error").asText() + ": "
                    + result.path("error_description").asText()});
            if (result.path("timed_out").asBoolean()) rows.add(new String[] {"Timed out", "yes"});
            if (result.hasNonNull("stack")) rows.add(new String[] {"Stack", Output.oneLine(result.get("stack").asText())});
        }
        out().message("Hook " + name + ":");
        out().fields(rows);
        List<String> console = new ArrayList<>();
        for (JsonNode line : result.path("console")) console.add("  [" + line.path("level").asText() + "] " + line.path("message").asText());
        out().message(console.isEmpty() ? "Console: (nothing)" : "Console:");
        console.forEach(out()::message);
        return success ? 0 : CliException.FAILURE;
    }

    private static ObjectNode parsePayload(String text) {
        try {
            JsonNode node = Http.JSON.readTree(text);
            if (node instanceof ObjectNode o) return o;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw CliException.usage("the payload is not valid JSON: " + Output.oneLine(e.getOriginalMessage()));
        }
        throw CliException.usage("the payload must be a JSON object {client, scope, audience, context}");
    }

    private static String join(JsonNode array) {
        var items = new ArrayList<String>();
        array.forEach(n -> items.add(n.asText()));
        return items.isEmpty() ? "none" : String.join(" ", items);
    }
}
