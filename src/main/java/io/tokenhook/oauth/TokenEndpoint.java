package io.tokenhook.oauth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tokenhook.events.EventLog;
import io.tokenhook.hooks.ExchangeContext;
import io.tokenhook.hooks.HookOutcome;
import io.tokenhook.hooks.HookRunner;
import io.tokenhook.tenant.Client;
import io.tokenhook.tenant.Hook;
import io.tokenhook.tenant.TenantSnapshot;
import io.tokenhook.token.TokenIssuer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code POST /oauth/token} without HTTP: parse → authenticate the client → decide the grant → run the enabled
 * credentials-exchange hook → sign → record the event. Reads only the in-memory snapshot.
 */
public final class TokenEndpoint {
    private final Supplier<TenantSnapshot> snapshot;
    private final TokenIssuer issuer;
    private final HookRunner hooks;
    private final ExchangeLog log;
    private final String tenant;
    private final String managementAudience;
    private final MeterRegistry metrics;
    private final ExchangeLimits limits;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public TokenEndpoint(Supplier<TenantSnapshot> snapshot, TokenIssuer issuer, HookRunner hooks, EventLog events,
                         String tenant, String managementAudience, MeterRegistry metrics, ExchangeLimits limits) {
        this.snapshot = snapshot;
        this.issuer = issuer;
        this.hooks = hooks;
        this.log = new ExchangeLog(events);
        this.tenant = tenant;
        this.managementAudience = managementAudience;
        this.metrics = metrics;
        this.limits = limits;
    }

    /** The HTTP facts of one token request. */
    /** @param auth0Client the {@code Auth0-Client} header Auth0's SDKs send, or null */
    public record Exchange(String contentType, byte[] body, String authorization, String ip, String userAgent, String hostname,
                           String auth0Client) {
        public Exchange(String contentType, byte[] body, String authorization, String ip, String userAgent, String hostname) {
            this(contentType, body, authorization, ip, userAgent, hostname, null);
        }
    }

    /**
     * Performs the exchange and returns the token response body.
     *
     * @throws OAuthError for every refusal; the failure is already logged, except a refusal by the {@link ExchangeLimits}
     */
    public Map<String, Object> exchange(Exchange in) {
        return run(in, null);
    }

    /**
     * A test exchange an operator runs for an application without its secret (the dashboard's "Test your hook",
     * {@code POST /api/v2/clients/{id}/test-token}): the same grant decision, hook, signature and log events as
     * {@link #exchange}, whose events name the operator in {@code details.requested_by}. Management API tokens
     * are never issued this way.
     *
     * @throws OAuthError for every refusal, as {@link #exchange} does; the failure is already logged
     */
    public Map<String, Object> exchangeOnBehalf(String clientId, String audience, String scope, String ip,
                                                String userAgent, String actor) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("grant_type", ClientCredentialsGrant.GRANT_TYPE);
        parameters.put("client_id", clientId);
        parameters.put("audience", audience);
        if (scope != null) parameters.put("scope", scope);
        var request = new TokenRequest(ClientCredentialsGrant.GRANT_TYPE, clientId, null, audience, scope, false, parameters);
        return run(new Exchange(null, null, null, ip, userAgent, null), new OnBehalf(request, actor));
    }

    /** An operator's test exchange: the request as if parsed, and who asked. */
    private record OnBehalf(TokenRequest request, String actor) {}

    private Map<String, Object> run(Exchange in, OnBehalf onBehalf) {
        long start = System.nanoTime();
        String requestedBy = onBehalf == null ? null : onBehalf.actor();
        TenantSnapshot tenantSnapshot = snapshot.get();
        TokenRequest request = null;
        Client client = null;
        try {
            if (onBehalf == null) limits.admitAddress(in.ip());
            request = onBehalf != null ? onBehalf.request() : TokenRequestParser.parse(in.contentType(), in.body(), in.authorization());
            if (request.grantType() == null || request.grantType().isEmpty()) {   // grant_type (REQUIRED)
                throw OAuthError.invalidRequest("Missing required parameter: grant_type");
            }
            if (!ClientCredentialsGrant.GRANT_TYPE.equals(request.grantType())) {
                throw new OAuthError(400, "unsupported_grant_type", "Grant type '" + printable(request.grantType()) + "' not supported");
            }
            client = onBehalf == null ? authenticate(tenantSnapshot, request, in.ip()) : onBehalfClient(tenantSnapshot, request);
            var decision = ClientCredentialsGrant.decide(tenantSnapshot, client, request);
            Hook hook = hookFor(tenantSnapshot, decision);
            List<String> scopes = decision.scopes();
            Map<String, Object> claims = Map.of();
            HookOutcome outcome = null;
            if (hook != null) {
                outcome = hooks.runCredentialsExchange(hook, context(decision, request, in));
                if (outcome instanceof HookOutcome.Failure f) {
                    throw new HookFailure(new OAuthError(f.status(), f.error(), f.description()), hook, f);
                }
                var success = (HookOutcome.Success) outcome;
                scopes = success.scopes();
                claims = success.claims();
            }
            var token = issuer.issue(client.clientId(), decision.api(), scopes, claims);
            log.success(in, client, decision, token, hook, outcome, requestedBy);
            time(start, "success");
            var body = new LinkedHashMap<String, Object>();
            body.put("access_token", token.accessToken());
            if (token.scope() != null) body.put("scope", token.scope());
            body.put("expires_in", token.expiresIn());
            body.put("token_type", "Bearer");
            return body;
        } catch (HookFailure f) {
            log.failure(in, request, client, f.error, f.hook, f.outcome, requestedBy);
            time(start, f.error.error());
            throw f.error;
        } catch (OAuthError e) {
            if (e.status() != 429) log.failure(in, request, client, e, null, null, requestedBy);   // a flood must not fill the log
            time(start, e.error());
            throw e;
        }
    }

    /**
     * Client authentication between the limits that guard it: a client id that must wait is refused before its
     * secret is compared, so waiting cannot be skipped by guessing right.
     */
    private Client authenticate(TenantSnapshot s, TokenRequest request, String address) {
        limits.admitClient(request.clientId(), address);
        Client client;
        try {
            client = ClientAuthenticator.authenticate(s, request);
        } catch (OAuthError e) {
            limits.authenticationFailed(request.clientId(), address);
            throw e;
        }
        limits.authenticated(request.clientId(), address);
        return client;
    }

    /** The application an operator asks a test token for; never for the Management API. */
    private Client onBehalfClient(TenantSnapshot s, TokenRequest request) {
        if (managementAudience.equals(request.audience())) {
            throw OAuthError.accessDenied("Management API tokens are not issued on an application's behalf");
        }
        return s.client(request.clientId()).orElseThrow(() -> OAuthError.invalidClient("Unknown client", false));
    }

    /** The enabled hook, except for the bootstrap admin's own Management API token: a broken hook must not lock operators out. */
    private Hook hookFor(TenantSnapshot s, ClientCredentialsGrant.Decision d) {
        if (hooks == null) return null;
        if (d.client().system() && d.api().identifier().equals(managementAudience)) return null;
        return s.enabledHook(Hook.CREDENTIALS_EXCHANGE).orElse(null);
    }

    private ExchangeContext context(ClientCredentialsGrant.Decision d, TokenRequest r, Exchange in) {
        return new ExchangeContext(d.client().clientId(), d.client().name(), tenant, d.client().clientMetadata(),
                d.scopes().isEmpty() ? null : d.scopes(), d.api().identifier(), in.ip(), in.userAgent(), in.hostname(),
                r.parameters(), d.grant().scope(), d.requested());
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private void time(long start, String outcome) {
        timers.computeIfAbsent(outcome, o -> Timer.builder("tokenhook_token_requests")
                        .description("token endpoint requests by outcome")
                        .tag("outcome", o)
                        .publishPercentileHistogram()
                        .register(metrics))
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A hook refused the token; carries the hook for the log. */
    private static final class HookFailure extends RuntimeException {
        final OAuthError error;
        final Hook hook;
        final HookOutcome outcome;

        HookFailure(OAuthError error, Hook hook, HookOutcome outcome) {
            super(null, null, false, false);
            this.error = error;
            this.hook = hook;
            this.outcome = outcome;
        }
    }
}
