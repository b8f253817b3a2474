package io.tokenhook.oauth;

import io.tokenhook.events.EventLog;
import io.tokenhook.hooks.HookOutcome;
import io.tokenhook.tenant.Client;
import io.tokenhook.tenant.Hook;
import io.tokenhook.tenant.LogEvent;
import io.tokenhook.token.TokenIssuer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The log events of one exchange: {@code seccft} or {@code feccft}, and when a hook ran, its console lines,
 * claim-policy warnings ({@code hkcon}) and failure ({@code hkerr}), each tied to the exchange's log id.
 * Recording only queues: nothing here waits for the database.
 */
final class ExchangeLog {
    private final EventLog events;

    ExchangeLog(EventLog events) {
        this.events = events;
    }

    void success(TokenEndpoint.Exchange in, Client client, ClientCredentialsGrant.Decision d, TokenIssuer.IssuedToken token,
                               Hook hook, HookOutcome outcome, String requestedBy) {
        var details = new LinkedHashMap<String, Object>();
        details.put("access_token_jti", token.jti());
        if (requestedBy != null) details.put("requested_by", requestedBy);
        Auth0ClientHeader.describe(in.auth0Client()).ifPresent(sdk -> details.put("auth0_client", sdk));
        if (hook != null) details.put("hook", hookDetails(hook, outcome));
        var exchange = events.newEvent("seccft", "Client Credentials for Access Token", client.clientId(), client.name(),
                d.api().identifier(), token.scope(), in.ip(), in.userAgent(), hook == null ? null : hook.id(), details);
        events.record(exchange);
        if (hook != null) hookOutput(exchange, hook, outcome);
    }

    void failure(TokenEndpoint.Exchange in, TokenRequest request, Client client, OAuthError e, Hook hook, HookOutcome outcome,
                               String requestedBy) {
        var details = new LinkedHashMap<String, Object>();
        details.put("error", e.error());
        if (requestedBy != null) details.put("requested_by", requestedBy);
        Auth0ClientHeader.describe(in.auth0Client()).ifPresent(sdk -> details.put("auth0_client", sdk));
        if (hook != null) details.put("hook", hookDetails(hook, outcome));
        String clientId = client != null ? client.clientId() : request == null ? null : truncate(request.clientId());
        var exchange = events.newEvent("feccft", e.description(), clientId, client == null ? null : client.name(),
                request == null ? null : truncate(request.audience()), request == null ? null : truncate(request.scope()),
                in.ip(), in.userAgent(), hook == null ? null : hook.id(), details);
        events.record(exchange);
        if (hook != null) hookOutput(exchange, hook, outcome);
    }

    /**
     * The hook's console lines ({@code hkcon}), what the claim policy dropped ({@code hkcon}, level warn) and its
     * failure ({@code hkerr}), each tied to the exchange by {@code details.exchange_log_id}.
     */
    private void hookOutput(LogEvent exchange, Hook hook, HookOutcome outcome) {
        for (var line : outcome.console()) {
            events.record(hookEvent("hkcon", line.message(), exchange, hook, Map.of("level", line.level(), "source", "console")));
        }
        if (outcome instanceof HookOutcome.Success s) {
            for (String warning : s.warnings()) {
                events.record(hookEvent("hkcon", warning, exchange, hook, Map.of("level", "warn", "source", "tokenhook")));
            }
        } else if (outcome instanceof HookOutcome.Failure f) {
            var details = new LinkedHashMap<String, Object>();
            details.put("error", f.error());
            details.put("timed_out", f.timedOut());
            if (f.stack() != null) details.put("stack", f.stack());
            events.record(hookEvent("hkerr", "Hook " + hook.name() + ": " + f.description(), exchange, hook, details));
        }
    }

    private LogEvent hookEvent(String type, String description, LogEvent exchange, Hook hook, Map<String, Object> extra) {
        var details = new LinkedHashMap<String, Object>(extra);
        details.put("hook_name", hook.name());
        details.put("exchange_log_id", exchange.logId());
        return events.newEvent(type, description, exchange.clientId(), exchange.clientName(), exchange.audience(), null,
                exchange.ip(), exchange.userAgent(), hook.id(), details);
    }

    private static Map<String, Object> hookDetails(Hook hook, HookOutcome outcome) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", hook.id());
        m.put("name", hook.name());
        if (outcome != null) m.put("duration_ms", outcome.duration().toNanos() / 1e6);
        return m;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 256 ? s : s.substring(0, 256);
    }

}
