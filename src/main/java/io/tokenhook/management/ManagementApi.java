package io.tokenhook.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.tokenhook.events.EventLog;
import io.tokenhook.hooks.HookRunner;
import io.tokenhook.store.StoreUnavailableException;

import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Function;

/** The Auth0-compatible Management API v2: authenticates each call and routes it to its resource. */
public final class ManagementApi {
    public static final String PREFIX = "/api/v2";

    static final Operation RESOURCE_SERVER_CREATE = new Operation("Create a resource server", "resource_server", "create");
    static final Operation RESOURCE_SERVER_UPDATE = new Operation("Update a resource server", "resource_server", "update");
    static final Operation RESOURCE_SERVER_DELETE = new Operation("Delete a resource server", "resource_server", "delete");
    static final Operation CLIENT_CREATE = new Operation("Create a client", "client", "create");
    static final Operation CLIENT_UPDATE = new Operation("Update a client", "client", "update");
    static final Operation CLIENT_DELETE = new Operation("Delete a client", "client", "delete");
    static final Operation CLIENT_ROTATE_SECRET = new Operation("Rotate a client secret", "client", "rotate_secret");
    static final Operation CLIENT_GRANT_CREATE = new Operation("Create client grant", "client_grant", "create");
    static final Operation CLIENT_GRANT_UPDATE = new Operation("Update client grant", "client_grant", "update");
    static final Operation CLIENT_GRANT_DELETE = new Operation("Delete client grant", "client_grant", "delete");
    static final Operation HOOK_CREATE = new Operation("Create a hook", "hook", "create");
    static final Operation HOOK_UPDATE = new Operation("Update a hook", "hook", "update");
    static final Operation HOOK_DELETE = new Operation("Delete a hook", "hook", "delete");
    static final Operation HOOK_SECRETS_ADD = new Operation("Add hook secrets", "hook", "add_secrets");
    static final Operation HOOK_SECRETS_UPDATE = new Operation("Update hook secrets", "hook", "update_secrets");
    static final Operation HOOK_SECRETS_DELETE = new Operation("Delete hook secrets", "hook", "delete_secrets");
    static final Operation SIGNING_KEYS_ROTATE = new Operation("Rotate the signing keys", "signing_key", "rotate");
    static final Operation SIGNING_KEY_REVOKE = new Operation("Revoke a signing key", "signing_key", "revoke");

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
        routes.post(PREFIX + "/resource-servers", write(RESOURCE_SERVER_CREATE, resourceServers::create, 201));
        routes.get(PREFIX + "/resource-servers/{id}", handle(resourceServers::get, 200));
        routes.patch(PREFIX + "/resource-servers/{id}", write(RESOURCE_SERVER_UPDATE, resourceServers::update, 200));
        routes.delete(PREFIX + "/resource-servers/{id}", write(RESOURCE_SERVER_DELETE, resourceServers::delete, 204));

        routes.get(PREFIX + "/clients", handle(clients::list, 200));
        routes.post(PREFIX + "/clients", write(CLIENT_CREATE, clients::create, 201));
        routes.get(PREFIX + "/clients/{id}", handle(clients::get, 200));
        routes.patch(PREFIX + "/clients/{id}", write(CLIENT_UPDATE, clients::update, 200));
        routes.delete(PREFIX + "/clients/{id}", write(CLIENT_DELETE, clients::delete, 204));
        routes.post(PREFIX + "/clients/{id}/rotate-secret", write(CLIENT_ROTATE_SECRET, clients::rotateSecret, 200));

        routes.get(PREFIX + "/client-grants", handle(clientGrants::list, 200));
        routes.post(PREFIX + "/client-grants", write(CLIENT_GRANT_CREATE, clientGrants::create, 201));
        routes.get(PREFIX + "/client-grants/{id}", handle(clientGrants::get, 200));
        routes.patch(PREFIX + "/client-grants/{id}", write(CLIENT_GRANT_UPDATE, clientGrants::update, 200));
        routes.delete(PREFIX + "/client-grants/{id}", write(CLIENT_GRANT_DELETE, clientGrants::delete, 204));

        routes.get(PREFIX + "/hooks", handle(hooks::list, 200));
        routes.post(PREFIX + "/hooks", write(HOOK_CREATE, hooks::create, 201, HOOK_BODY_LIMIT));
        routes.get(PREFIX + "/hooks/{id}", handle(hooks::get, 200));
        routes.patch(PREFIX + "/hooks/{id}", write(HOOK_UPDATE, hooks::update, 200, HOOK_BODY_LIMIT));
        routes.delete(PREFIX + "/hooks/{id}", write(HOOK_DELETE, hooks::delete, 204));
        routes.get(PREFIX + "/hooks/{id}/secrets", handle(hookSecrets::list, 200));
        routes.post(PREFIX + "/hooks/{id}/secrets", write(HOOK_SECRETS_ADD, hookSecrets::add, 201));
        routes.patch(PREFIX + "/hooks/{id}/secrets", write(HOOK_SECRETS_UPDATE, hookSecrets::update, 201));
        routes.delete(PREFIX + "/hooks/{id}/secrets", write(HOOK_SECRETS_DELETE, hookSecrets::delete, 204));
        // runs the hook and changes nothing: not a write
        routes.post(PREFIX + "/hooks/{id}/test", handle(hookTests::run, 200, HOOK_BODY_LIMIT));

        routes.get(PREFIX + "/keys/signing", handle(signingKeys::list, 200));
        routes.post(PREFIX + "/keys/signing/rotate", write(SIGNING_KEYS_ROTATE, signingKeys::rotate, 201));
        routes.get(PREFIX + "/keys/signing/{kid}", handle(signingKeys::get, 200));
        routes.put(PREFIX + "/keys/signing/{kid}/revoke", write(SIGNING_KEY_REVOKE, signingKeys::revoke, 200));

        routes.get(PREFIX + "/logs/stream", ctx -> logStream.stream(new ApiCall(ctx, authenticate(ctx), null), ctx));
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

    /** A route that changes nothing: authenticates, runs {@code action} and writes its result as JSON with {@code status}. */
    public Handler handle(Function<ApiCall, Object> action, int status) {
        return handle(action, status, BODY_LIMIT);
    }

    public Handler handle(Function<ApiCall, Object> action, int status, int bodyLimit) {
        return ctx -> {
            checkBodyLimit(ctx, bodyLimit);
            Object result = action.apply(new ApiCall(ctx, authenticate(ctx), null));
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

    public Handler write(Operation operation, Function<ApiCall, Object> action, int status) {
        return write(operation, action, status, BODY_LIMIT);
    }

    /**
     * A write route: as {@link #handle}, and the call's {@link Change} is logged, as {@code sapi} by the write or as
     * {@code fapi} when the call fails after its caller was authenticated. Failures before that (no or a bad token,
     * a body over the limit) name no actor and are left to the access log: anyone could flood the log with them.
     */
    public Handler write(Operation operation, Function<ApiCall, Object> action, int status, int bodyLimit) {
        return ctx -> {
            checkBodyLimit(ctx, bodyLimit);
            Caller caller = authenticate(ctx);
            var call = new ApiCall(ctx, caller, operation.begin(pathId(ctx)));
            Object result;
            try {
                result = action.apply(call);
            } catch (ApiError e) {
                changes.refused(call, e.statusCode(), e.errorCode(), e.getMessage());
                throw e;
            } catch (StoreUnavailableException e) {
                changes.refused(call, 503, "temporarily_unavailable", "The database is unavailable");
                throw e;
            } catch (RuntimeException e) {
                changes.refused(call, 500, "server_error", "Internal error");
                throw e;
            }
            writeJson(ctx, status, status == 204 ? null : result);
        };
    }

    private static void checkBodyLimit(Context ctx, int bodyLimit) {
        if (ctx.bodyAsBytes().length > bodyLimit) {
            throw new ApiError(413, "Request body exceeds " + bodyLimit + " bytes", "payload_too_large");
        }
    }

    /** The resource a path names ({id} or {kid}), if it names one. */
    private static String pathId(Context ctx) {
        return ctx.pathParamMap().values().stream().findFirst().orElse(null);
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
