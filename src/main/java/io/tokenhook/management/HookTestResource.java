package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.hooks.ExchangeContext;
import io.tokenhook.hooks.HookOutcome;
import io.tokenhook.hooks.HookRunner;
import io.tokenhook.tenant.Hook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v2/hooks/{id}/test}: runs a hook exactly as an exchange would, with a payload shaped like
 * the legacy runner's ({@code client}, {@code scope}, {@code audience}, {@code context}), and returns what the
 * token would carry or the OAuth error, with the console output and the duration. No token is issued. An
 * optional {@code script} runs an unsaved draft with the hook's secrets.
 */
final class HookTestResource {
    private final HooksResource hooks;
    private final HookRunner runner;
    private final String tenant;
    private final String defaultAudience;

    HookTestResource(HooksResource hooks, HookRunner runner, String tenant, String defaultAudience) {
        this.hooks = hooks;
        this.runner = runner;
        this.tenant = tenant;
        this.defaultAudience = defaultAudience;
    }

    Object run(ApiCall call) {
        call.caller().require("update:hooks");
        Hook hook = hooks.find(call.path("id"));
        // each part left out takes the legacy runner's default payload
        JsonBody body = call.rawBody().length == 0 ? null
                : call.body().allowOnly(Set.of("client", "scope", "audience", "context", "script"));
        if (!Hook.CREDENTIALS_EXCHANGE.equals(hook.triggerId())) {
            throw ApiError.invalidBody("Only credentials-exchange hooks run in Tokenhook; '" + hook.triggerId() + "' hooks are stored only.");
        }
        Hook subject = hook;
        if (body != null && body.has("script")) {
            String draft = body.string("script", 1, HooksResource.MAX_SCRIPT_CHARS);
            runner.validate(draft).ifPresent(problem -> JsonBody.fail("script", problem));
            subject = new Hook(hook.id(), hook.name(), draft, hook.triggerId(), hook.enabled(), hook.dependencies(),
                    hook.secrets(), hook.createdAt(), hook.updatedAt());
        }
        return render(runner.runTest(subject, context(body)));
    }

    private ExchangeContext context(JsonBody body) {
        JsonNode client = body == null ? null : body.object("client");
        JsonNode context = body == null ? null : body.object("context");
        // a part left out or null takes the default
        List<String> scope = body == null ? null : body.strings("scope", 1000, 1, 280);
        if (scope == null) scope = List.of("read:connections");
        String audience = body == null ? null : body.string("audience", 1, 600);
        if (audience == null) audience = defaultAudience;
        var metadata = new LinkedHashMap<String, String>();
        if (client == null) {
            metadata.put("plan", "full");
        } else if (client.path("metadata").isObject()) {
            client.get("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        }
        var requestBody = new LinkedHashMap<String, String>();
        if (context != null && context.path("body").isObject()) {
            context.get("body").fields().forEachRemaining(e -> requestBody.put(e.getKey(), e.getValue().asText()));
        }
        requestBody.remove("client_secret");
        return new ExchangeContext(
                client == null ? "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" : text(client, "id", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                client == null ? "client-name" : text(client, "name", "client-name"),
                client == null ? tenant : text(client, "tenant", tenant),
                metadata, scope.isEmpty() ? null : scope, audience,
                context == null ? "127.0.0.1" : text(context, "ip", "127.0.0.1"),
                context == null ? "Tokenhook runner" : text(context, "userAgent", "Tokenhook runner"),
                null, requestBody, scope, List.of());
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    static Map<String, Object> render(HookOutcome outcome) {
        var m = new LinkedHashMap<String, Object>();
        if (outcome instanceof HookOutcome.Success s) {
            m.put("result", "success");
            m.put("scope", s.scopes() == null ? List.of() : s.scopes());
            m.put("claims", s.claims());
            m.put("warnings", s.warnings());
        } else if (outcome instanceof HookOutcome.Failure f) {
            m.put("result", "error");
            m.put("status", f.status());
            m.put("error", f.error());
            m.put("error_description", f.description());
            m.put("timed_out", f.timedOut());
            if (f.stack() != null) m.put("stack", f.stack());
        }
        var console = new ArrayList<Map<String, String>>();
        outcome.console().forEach(line -> console.add(Map.of("level", line.level(), "message", line.message())));
        m.put("console", console);
        m.put("duration_ms", outcome.duration().toNanos() / 1_000_000.0);
        return m;
    }
}
