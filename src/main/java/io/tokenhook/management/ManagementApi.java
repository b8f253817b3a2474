package io.tokenhook.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tokenhook.events.EventLog;
import io.tokenhook.hooks.HookRunner;

import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Function;

/** The Auth0-compatible Management API v2: authenticates each call and routes it to its resource. */
public final class ManagementApi {
    public static final String PREFIX = "/api/v2";

    private final ManagementAuth auth;
    private final ResourceServersResource resourceServers;
    private final ClientsResource clients;
    private final ClientGrantsResource clientGrants;
    private final LogsResource logs;
    private final HooksResource hooks;
    private final HookSecretsResource hookSecrets;
    private final HookTestResource hookTests;
    private final LogStreamResource logStream;
    private final SigningKeysResource signingKeys;
    private final Changes changes;
    private final KeyRotation keyRotation;
    private final InstantSource clock;
    private final CallLimits limits;
    private volatile AutomaticKeyRotation automaticKeyRotation;

    /**
     * @param keyActivationDelay how long after a rotation every node starts signing with the new keys
     * @param limits             the rate limits every call is counted against
     */
    public ManagementApi(ManagementAuth auth, Changes changes, EventLog events, HookRunner runner, String tenant,
                         InstantSource clock, Duration keyActivationDelay, CallLimits limits) {
        this.auth = auth;
        this.limits = limits;
        this.resourceServers = new ResourceServersResource(changes, clock);
        this.clients = new ClientsResource(changes, clock);
        this.clientGrants = new ClientGrantsResource(changes, clock);
        this.logs = new LogsResource(events);
        this.logStream = new LogStreamResource(events);
        this.hooks = new HooksResource(changes, runner, clock);
        this.hookSecrets = new HookSecretsResource(changes, clock);
        this.hookTests = new HookTestResource(hooks, runner, tenant, auth.audience());
        this.changes = changes;
        this.clock = clock;
        this.keyRotation = new KeyRotation(clock, keyActivationDelay);
        this.signingKeys = new SigningKeysResource(changes, keyRotation, clock);
    }

    /** Rotates the signing keys by itself once a key has been current for {@code period}. */
    public void rotateKeysEvery(Duration period) {
        automaticKeyRotation = new AutomaticKeyRotation(changes, keyRotation, clock, period);
        automaticKeyRotation.start();
    }

    public void register(RoutesConfig routes) {
        routes.get(PREFIX + "/resource-servers", handle(resourceServers::list, 200));
        routes.post(PREFIX + "/resource-servers", handle(resourceServers::create, 201));
        routes.get(PREFIX + "/resource-servers/{id}", handle(resourceServers::get, 200));
        routes.patch(PREFIX + "/resource-servers/{id}", handle(resourceServers::update, 200));
        routes.delete(PREFIX + "/resource-servers/{id}", handle(resourceServers::delete, 204));

        routes.get(PREFIX + "/clients", handle(clients::list, 200));
        routes.post(PREFIX + "/clients", handle(clients::create, 201));
        routes.get(PREFIX + "/clients/{id}", handle(clients::get, 200));
        routes.patch(PREFIX + "/clients/{id}", handle(clients::update, 200));
        routes.delete(PREFIX + "/clients/{id}", handle(clients::delete, 204));
        routes.post(PREFIX + "/clients/{id}/rotate-secret", handle(clients::rotateSecret, 200));

        routes.get(PREFIX + "/client-grants", handle(clientGrants::list, 200));
        routes.post(PREFIX + "/client-grants", handle(clientGrants::create, 201));
        routes.get(PREFIX + "/client-grants/{id}", handle(clientGrants::get, 200));
        routes.patch(PREFIX + "/client-grants/{id}", handle(clientGrants::update, 200));
        routes.delete(PREFIX + "/client-grants/{id}", handle(clientGrants::delete, 204));

        routes.get(PREFIX + "/hooks", handle(hooks::list, 200));
        routes.post(PREFIX + "/hooks", handle(hooks::create, 201, HOOK_BODY_LIMIT));
        routes.get(PREFIX + "/hooks/{id}", handle(hooks::get, 200));
        routes.patch(PREFIX + "/hooks/{id}", handle(hooks::update, 200, HOOK_BODY_LIMIT));
        routes.delete(PREFIX + "/hooks/{id}", handle(hooks::delete, 204));
        routes.get(PREFIX + "/hooks/{id}/secrets", handle(hookSecrets::list, 200));
        routes.post(PREFIX + "/hooks/{id}/secrets", handle(hookSecrets::add, 201));
        routes.patch(PREFIX + "/hooks/{id}/secrets", handle(hookSecrets::update, 201));
        routes.delete(PREFIX + "/hooks/{id}/secrets", handle(hookSecrets::delete, 204));
        routes.post(PREFIX + "/hooks/{id}/test", handle(hookTests::run, 200, HOOK_BODY_LIMIT));

        routes.get(PREFIX + "/keys/signing", handle(signingKeys::list, 200));
        routes.post(PREFIX + "/keys/signing/rotate", handle(signingKeys::rotate, 201));
        routes.get(PREFIX + "/keys/signing/{kid}", handle(signingKeys::get, 200));
        routes.put(PREFIX + "/keys/signing/{kid}/revoke", handle(signingKeys::revoke, 200));

        routes.get(PREFIX + "/logs/stream", ctx -> logStream.stream(new ApiCall(ctx, authenticate(ctx)), ctx));
        routes.get(PREFIX + "/logs", handle(logs::list, 200));
        routes.get(PREFIX + "/logs/{id}", handle(logs::get, 200));
    }

    /** Ends open log streams so shutdown does not wait for them. */
    public void stop() {
        logStream.stop();
        if (automaticKeyRotation != null) automaticKeyRotation.close();
    }

    /** Request bodies are at most 64 KB, except hook scripts (up to 100 KB of code, JSON-escaped). */
    public static final int BODY_LIMIT = 64 * 1024;
    public static final int HOOK_BODY_LIMIT = 256 * 1024;

    public io.javalin.http.Handler handle(Function<ApiCall, Object> action, int status) {
        return handle(action, status, BODY_LIMIT);
    }

    /** Authenticates, runs {@code action} and writes its result as JSON with {@code status}. */
    public io.javalin.http.Handler handle(Function<ApiCall, Object> action, int status, int bodyLimit) {
        return ctx -> {
            if (ctx.bodyAsBytes().length > bodyLimit) {
                throw new ApiError(413, "Request body exceeds " + bodyLimit + " bytes", "payload_too_large");
            }
            Caller caller = authenticate(ctx);
            Object result = action.apply(new ApiCall(ctx, caller));
            writeJson(ctx, status, status == 204 ? null : result);
        };
    }

    /**
     * The caller, counted against its rate limit (whose headers the response carries); a call that fails
     * authentication is counted against its source address instead.
     */
    private Caller authenticate(Context ctx) {
        Caller caller;
        try {
            caller = auth.authenticate(ctx);
        } catch (ApiError e) {
            if (e.statusCode() != 401) throw e;
            throw e.withHeaders(limits.unauthenticated(ctx.ip()));
        }
        limits.admit(caller).forEach(ctx::header);
        return caller;
    }

    /** Writes {@code body} as UTF-8 JSON; a null body with 204 writes nothing. */
    public static void writeJson(Context ctx, int status, Object body) {
        ctx.status(status);
        if (body == null && status == 204) return;
        try {
            ctx.contentType("application/json; charset=utf-8").result(JsonBody.MAPPER.writeValueAsBytes(body == null ? java.util.Map.of() : body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write response", e);
        }
    }
}
