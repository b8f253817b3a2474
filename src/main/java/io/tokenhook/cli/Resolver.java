package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finds a hook, API or application by what a person calls it: an id wins, then the other unique keys, then the
 * name. A name several things share is an error that lists them, so the user can pick one by id.
 */
final class Resolver {
    private final ManagementClient client;

    Resolver(ManagementClient client) {
        this.client = client;
    }

    /** A hook by id or name: {@code id}, {@code name}, {@code enabled} and {@code triggerId}, without the script. */
    JsonNode hookRef(String ref) {
        var hooks = client.listAll("/hooks", Urls.Query.of("fields", "id,name,enabled,triggerId"));
        return find(hooks, ref, "hook", h -> h.path("name").asText() + " (" + h.path("id").asText() + ")", "id", "name");
    }

    /** A hook by id or name, with its script. */
    JsonNode hook(String ref) {
        return client.get("/hooks/" + Urls.encode(hookRef(ref).path("id").asText()));
    }

    /** An API by id, identifier or name. */
    JsonNode api(String ref) {
        var apis = client.listAll("/resource-servers", new Urls.Query());
        return find(apis, ref, "API", a -> a.path("name").asText() + " (" + a.path("identifier").asText() + ", id " + a.path("id").asText() + ")",
                "id", "identifier", "name");
    }

    /** An application by client_id or name. */
    JsonNode app(String ref) {
        var apps = client.listAll("/clients", new Urls.Query());
        return find(apps, ref, "application", c -> c.path("name").asText() + " (" + c.path("client_id").asText() + ")", "client_id", "name");
    }

    /**
     * The one item whose {@code keys} (tried in order, so ids win over names) equal {@code ref}.
     *
     * @throws CliException when nothing matches or a name matches several items
     */
    static JsonNode find(Iterable<JsonNode> items, String ref, String kind, Function<JsonNode, String> describe, String... keys) {
        List<JsonNode> matches = matches(items, ref, keys);
        if (matches.size() == 1) return matches.get(0);
        if (matches.isEmpty()) throw CliException.failure("unknown " + kind + " '" + ref + "'" + hint(kind));
        List<String> described = matches.stream().map(describe).toList();
        throw CliException.failure(matches.size() + " " + kind + "s are named '" + ref + "': " + String.join(", ", described)
                + "; use the " + (kind.equals("application") ? "client_id" : "id") + " instead");
    }

    /** The items matching {@code ref} on the first of {@code keys} that any item matches. */
    static List<JsonNode> matches(Iterable<JsonNode> items, String ref, String... keys) {
        for (String key : keys) {
            var matches = new ArrayList<JsonNode>();
            for (JsonNode item : items) if (ref.equals(item.path(key).asText(null))) matches.add(item);
            if (!matches.isEmpty()) return matches;
        }
        return List.of();
    }

    private static String hint(String kind) {
        return switch (kind) {
            case "hook" -> " (tokenhook hooks ls lists them)";
            case "API" -> " (tokenhook apis ls lists them)";
            default -> " (tokenhook apps ls lists them)";
        };
    }
}
