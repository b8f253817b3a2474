package io.tokenhook.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.hooks.HookOutcome.ConsoleLine;
import io.tokenhook.hooks.HookOutcome.Failure;
import io.tokenhook.hooks.HookOutcome.Success;
import java.time.Duration;
import java.util.ArrayList;
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
            return serverError("Hook " + hookName + " returned a scope that is neither an array of strings nor a string",
                    null, console, duration);
        }
        List<String> warnings = new ArrayList<>();
        return success(scopes, ClaimPolicy.legacy(result, warnings), warnings, mayBeLarge, console, duration);
    }

    /** An array of strings, or a string taken as space-separated; missing or null means no scope. */
    private static List<String> legacyScopes(JsonNode scope) {
        Set<String> scopes = new LinkedHashSet<>();
        if (scope.isMissingNode() || scope.isNull()) {
            return List.of();
        } else if (scope.isTextual()) {
            addSplit(scopes, scope.asText());
        } else if (scope.isArray()) {
            for (JsonNode item : scope) {
                if (!item.isTextual()) {
                    return null;
                }
                addSplit(scopes, item.asText());
            }
        } else {
            return null;
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
            Set<String> kept = new LinkedHashSet<>();
            for (JsonNode scope : target) {
                if (scope.isTextual() && exchange.grantScopes().contains(scope.asText())) {
                    kept.add(scope.asText());
                }
            }
            scopes = List.copyOf(kept);
        }
        List<String> warnings = new ArrayList<>();
        return success(scopes, ClaimPolicy.actions(outcome.path("claims"), warnings), warnings, mayBeLarge, console,
                duration);
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
