package io.tokenhook.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.hooks.HookOutcome.ConsoleLine;
import io.tokenhook.hooks.HookOutcome.Failure;
import io.tokenhook.hooks.HookOutcome.Success;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what a run reported ({@code {outcome, console}} JSON from the prelude) into a {@link HookOutcome},
 * applying the merge rules of each hook style. Everything from JavaScript is untrusted and checked here.
 */
final class Outcomes {

    private static final int MAX_DESCRIPTION = 1000;
    private static final int MAX_STACK = 8192;

    private Outcomes() {}

    /** The outcome of a finished run; {@code cache} is the hook's bucket (Actions style only). */
    static HookOutcome read(String envelopeJson, String hookName, ExchangeContext exchange, ActionCache.Bucket cache,
                            Duration duration) {
        if (envelopeJson.startsWith("~")) {
            return readFlat(envelopeJson, hookName, exchange, duration);
        }
        JsonNode envelope = Json.read(envelopeJson);
        // the claims are part of the envelope: a small envelope cannot hold 100 KB of them (UTF-8: <= 3 bytes a char)
        boolean mayBeLarge = envelopeJson.length() * 3L > ClaimPolicy.MAX_CLAIMS_BYTES;
        JsonNode outcome = envelope.path("outcome");
        List<ConsoleLine> console = console(envelope.path("console"));
        return switch (outcome.path("kind").asText()) {
            case "legacy" -> legacy(outcome, hookName, exchange, mayBeLarge, console, duration);
            case "actions" -> actions(outcome, exchange, cache, mayBeLarge, console, duration);
            case "deny" -> denied(outcome.path("code").asText(), outcome.path("message").textValue(), hookName,
                    console, duration);
            case "error" -> failure(errorStatus(outcome.path("code").asText()), outcome.path("code").asText(),
                    describe(outcome.path("message").asText(), "Hook " + hookName + " failed"),
                    outcome.path("stack").textValue(), console, duration);
            default -> serverError("Hook " + hookName + " reported an unknown outcome", null, console, duration);
        };
    }

    /**
     * The prelude's string-only form of the usual outcomes (its {@code flat}): {@code ~K} (cb without a result),
     * {@code ~S} (a legacy result whose scope is not strings), {@code ~L} (a legacy result) or {@code ~A} (Actions),
     * then the scopes (a count, -1 for "unchanged"), the claims and the console, each a count {@code n;} followed by
     * strings {@code <length>:<text>}. The same rules apply as to the JSON form; only the parsing is cheaper.
     */
    private static HookOutcome readFlat(String flat, String hookName, ExchangeContext exchange, Duration duration) {
        var in = new FlatReader(flat, 2);
        char kind = flat.charAt(1);
        if (kind == 'K') {
            return new Success(exchange.scopes(), Map.of(), List.of(), in.console(), duration);
        }
        if (kind == 'S') {
            return badLegacyScope(hookName, in.console(), duration);
        }
        int scopeCount = in.count();
        List<String> scopes;
        if (scopeCount < 0) {
            scopes = exchange.scopes();
        } else {
            List<String> listed = new ArrayList<>(scopeCount);
            for (int i = 0; i < scopeCount; i++) {
                listed.add(in.text());
            }
            scopes = kind == 'L' ? splitScopes(listed) : grantedTargets(listed, exchange);
        }
        Map<String, Object> set = new LinkedHashMap<>();
        for (int i = in.count(); i > 0; i--) {
            set.put(in.text(), in.text());
        }
        List<ConsoleLine> console = in.console();
        // a JSON string of these claims takes at most 6 bytes per character here (a control character's escape)
        boolean mayBeLarge = flat.length() * 6L > ClaimPolicy.MAX_CLAIMS_BYTES;
        List<String> warnings = new ArrayList<>();
        Map<String, Object> claims = kind == 'L' ? ClaimPolicy.legacy(set, warnings) : ClaimPolicy.actions(set, warnings);
        return success(scopes, claims, warnings, mayBeLarge, console, duration);
    }

    /** A cursor over the string-only form; the prelude writes it, so a malformed one is a runtime bug. */
    private static final class FlatReader {
        private final String flat;
        private int at;

        FlatReader(String flat, int at) {
            this.flat = flat;
            this.at = at;
        }

        int count() {
            int end = flat.indexOf(';', at);
            int n = Integer.parseInt(flat, at, end, 10);
            at = end + 1;
            return n;
        }

        String text() {
            int colon = flat.indexOf(':', at);
            int length = Integer.parseInt(flat, at, colon, 10);
            at = colon + 1 + length;
            return flat.substring(colon + 1, at);
        }

        List<ConsoleLine> console() {
            int n = count();
            if (n == 0) return List.of();
            List<ConsoleLine> lines = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                lines.add(new ConsoleLine(text(), text()));
            }
            return List.copyOf(lines);
        }
    }

    /** cb(null, result): spec 3.3. No result leaves the token as it was; a result's scope replaces the list. */
    private static HookOutcome legacy(JsonNode outcome, String hookName, ExchangeContext exchange, boolean mayBeLarge,
                                      List<ConsoleLine> console, Duration duration) {
        if (!outcome.has("result")) {
            return new Success(exchange.scopes(), Map.of(), List.of(), console, duration);
        }
        JsonNode result = outcome.get("result");
        if (!result.isObject()) {
            return serverError("Hook " + hookName + " returned a " + kind(result) + " instead of an object",
                    null, console, duration);
        }
        List<String> scopes = legacyScopes(result.path("scope"));
        if (scopes == null) {
            return badLegacyScope(hookName, console, duration);
        }
        List<String> warnings = new ArrayList<>();
        return success(scopes, ClaimPolicy.legacy(Json.properties(result), warnings), warnings, mayBeLarge, console,
                duration);
    }

    private static HookOutcome badLegacyScope(String hookName, List<ConsoleLine> console, Duration duration) {
        return serverError("Hook " + hookName + " returned a scope that is neither an array of strings nor a string",
                null, console, duration);
    }

    /** An array of strings, or a string taken as space-separated; missing or null means no scope. */
    private static List<String> legacyScopes(JsonNode scope) {
        if (scope.isMissingNode() || scope.isNull()) {
            return List.of();
        } else if (scope.isTextual()) {
            return splitScopes(List.of(scope.asText()));
        } else if (scope.isArray()) {
            List<String> items = new ArrayList<>(scope.size());
            for (JsonNode item : scope) {
                if (!item.isTextual()) {
                    return null;
                }
                items.add(item.asText());
            }
            return splitScopes(items);
        }
        return null;
    }

    /** The space-separated words of a legacy result's scope strings, each once, in order. */
    private static List<String> splitScopes(List<String> items) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String item : items) {
            addSplit(scopes, item);
        }
        return List.copyOf(scopes);
    }

    /** Adds the space-separated words of {@code text}: whitespace as the regular expression {@code \\s} means it. */
    private static void addSplit(Set<String> scopes, String text) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || isRegexSpace(text.charAt(i));
            if (space && start >= 0) {
                scopes.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** api.accessToken / api.transaction / api.cache: target scopes are kept only where the grant allows them. */
    private static HookOutcome actions(JsonNode outcome, ExchangeContext exchange, ActionCache.Bucket cache,
                                       boolean mayBeLarge, List<ConsoleLine> console, Duration duration) {
        if (cache != null && outcome.path("cacheOps").size() > 0) {
            cache.apply(outcome.get("cacheOps"), System.currentTimeMillis());
        }
        List<String> scopes = exchange.scopes();
        JsonNode target = outcome.path("target");
        if (target.isArray()) {
            List<String> listed = new ArrayList<>();
            for (JsonNode scope : target) {
                if (scope.isTextual()) listed.add(scope.asText());
            }
            scopes = grantedTargets(listed, exchange);
        }
        List<String> warnings = new ArrayList<>();
        Map<String, Object> set = outcome.path("claims").isObject() ? Json.properties(outcome.get("claims")) : Map.of();
        return success(scopes, ClaimPolicy.actions(set, warnings), warnings, mayBeLarge, console, duration);
    }

    /** An Actions hook's target scopes, kept only where the grant allows them, first occurrence first. */
    private static List<String> grantedTargets(List<String> target, ExchangeContext exchange) {
        Set<String> kept = new LinkedHashSet<>();
        for (String scope : target) {
            if (exchange.grantScopes().contains(scope)) kept.add(scope);
        }
        return List.copyOf(kept);
    }

    private static HookOutcome success(List<String> scopes, Map<String, Object> claims, List<String> warnings,
                                       boolean mayBeLarge, List<ConsoleLine> console, Duration duration) {
        if (mayBeLarge && !ClaimPolicy.withinSizeLimit(claims)) {
            return serverError("custom claims exceed 100 KB", null, console, duration);
        }
        if (mayBeLarge && !ClaimPolicy.withinSizeLimit(claims, scopes)) {
            // a legacy hook may set any scopes: without this they would carry a token up to the 1 MiB result limit
            return serverError("custom claims and scopes exceed 100 KB", null, console, duration);
        }
        return new Success(scopes, claims, List.copyOf(warnings), console, duration);
    }

    /** api.access.deny: invalid_scope and invalid_request are the client's 400s; any other code is a 500. */
    private static HookOutcome denied(String code, String reason, String hookName, List<ConsoleLine> console,
                                      Duration duration) {
        String description = describe(reason, "Access denied by hook " + hookName);
        return switch (code) {
            case "invalid_scope", "invalid_request" -> failure(400, code, description, null, console, duration);
            default -> serverError(description, null, console, duration);
        };
    }

    static int errorStatus(String code) {
        return code.equals("invalid_scope") || code.equals("invalid_request") ? 400 : 500;
    }

    static Failure serverError(String description, String stack, List<ConsoleLine> console, Duration duration) {
        return failure(500, "server_error", description, stack, console, duration);
    }

    static Failure timedOut(String description, List<ConsoleLine> console, Duration duration) {
        return new Failure(500, "server_error", description, true, null, console, duration);
    }

    private static Failure failure(int status, String code, String description, String stack,
                                   List<ConsoleLine> console, Duration duration) {
        String error = status == 400 ? code : "server_error";
        return new Failure(status, error, description, false, truncate(stack, MAX_STACK), console, duration);
    }

    static List<ConsoleLine> console(JsonNode lines) {
        List<ConsoleLine> console = new ArrayList<>(lines.size());
        for (JsonNode line : lines) {
            console.add(new ConsoleLine(line.path(0).asText(), line.path(1).asText()));
        }
        return List.copyOf(console);
    }

    private static String describe(String message, String fallback) {
        return message == null || message.isBlank() ? fallback : truncate(message, MAX_DESCRIPTION);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "array" : node.isTextual() ? "string" : node.isNumber() ? "number"
                : node.isBoolean() ? "boolean" : "value of another kind";
    }
}
