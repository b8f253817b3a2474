package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** One log event as one line: date, type, and what happened, coloured by outcome on a terminal. */
final class LogLines {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private LogLines() {}

    static String format(JsonNode e, Output out) {
        String type = e.path("type").asText("?");
        Output.Style style = switch (type) {
            case "seccft" -> Output.Style.GREEN;
            case "feccft", "hkerr", "fapi" -> Output.Style.RED;
            case "hkcon" -> Output.Style.CYAN;
            case "sapi" -> Output.Style.YELLOW;
            default -> null;
        };
        String description = e.path("description").asText("");
        String what = switch (type) {
            case "seccft" -> client(e) + " -> " + e.path("audience").asText("?")
                    + (e.hasNonNull("scope") ? "  scope: " + e.get("scope").asText() : "  (no scope)") + hook(e);
            case "feccft" -> client(e) + " -> " + e.path("audience").asText("?") + "  " + description + hook(e);
            case "hkcon" -> "[" + e.path("details").path("hook_name").asText(e.path("hook_id").asText("hook")) + "] "
                    + e.path("details").path("level").asText("log") + ": " + description;
            case "sapi" -> description + target(e, "  ") + by(e);
            case "fapi" -> e.path("details").path("operation").asText("write") + target(e, " ") + " refused ("
                    + e.path("details").path("response").path("statusCode").asText("?") + "): " + description + by(e);
            default -> description;
        };
        return out.style(date(e.path("date").asText("")), Output.Style.DIM) + "  " + out.style(Output.pad(type, 6), style) + "  " + Output.oneLine(what);
    }

    /** The event's date to the millisecond, so every line has the same width. */
    private static String date(String iso) {
        try {
            return DATE.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** The resource a management event names, after {@code separator}: "client abc123". */
    private static String target(JsonNode e, String separator) {
        JsonNode target = e.path("details").path("target");
        if (!target.has("type")) return "";
        return separator + target.get("type").asText() + (target.hasNonNull("id") ? " " + target.get("id").asText() : "");
    }

    /** Who made a management change: a client id, a dashboard user or Tokenhook itself. */
    private static String by(JsonNode e) {
        String actor = e.path("details").path("actor").asText("");
        if (actor.isEmpty()) actor = e.path("client_id").asText("");
        return actor.isEmpty() ? "" : "  by " + actor;
    }

    private static String client(JsonNode e) {
        if (e.hasNonNull("client_name")) return e.get("client_name").asText();
        return e.hasNonNull("client_id") ? e.get("client_id").asText() : "unknown client";
    }

    private static String hook(JsonNode e) {
        JsonNode hook = e.path("details").path("hook");
        if (!hook.isObject()) return "";
        String took = hook.has("duration_ms") ? String.format(java.util.Locale.ROOT, ", %.1f ms", hook.get("duration_ms").asDouble()) : "";
        return "  (hook " + hook.path("name").asText() + took + ")";
    }
}
