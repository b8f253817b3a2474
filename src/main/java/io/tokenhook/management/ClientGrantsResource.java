package io.tokenhook.management;

import io.tokenhook.store.ConflictException;
import io.tokenhook.store.StoreTx;
import io.tokenhook.tenant.Client;
import io.tokenhook.tenant.ClientGrant;
import io.tokenhook.tenant.ResourceServer;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/v2/client-grants}: which client may get tokens for which API, with which scopes (spec 4.5). */
final class ClientGrantsResource {
    private static final Set<String> ORGANIZATION_AND_RAR = Set.of("organization_usage", "allow_any_organization",
            "allow_all_scopes", "authorization_details_types");
    private final Changes changes;
    private final InstantSource clock;

    ClientGrantsResource(Changes changes, InstantSource clock) {
        this.changes = changes;
        this.clock = clock;
    }

    Object list(ApiCall call) {
        call.caller().require("read:client_grants");
        var q = call.query().allowOnly(Set.of("page", "per_page", "include_totals", "audience", "client_id", "from", "take"));
        String audience = q.string("audience");
        String clientId = q.string("client_id");
        var all = changes.store().read(StoreTx::clientGrants).stream()
                .filter(g -> audience == null || g.audience().equals(audience))
                .filter(g -> clientId == null || g.clientId().equals(clientId))
                .toList();
        Integer take = q.integer("take", 1, Paging.MAX_PER_PAGE);
        String from = q.string("from");
        if (take != null || from != null) {
            return Paging.checkpoint(all, ClientGrant::id, from, take == null ? Paging.DEFAULT_PER_PAGE : take,
                    "client_grants", ClientGrantsResource::render);
        }
        return Paging.from(q).apply(all.stream().map(ClientGrantsResource::render).toList(), "client_grants");
    }

    Object get(ApiCall call) {
        call.caller().require("read:client_grants");
        return render(changes.store().read(tx -> tx.clientGrant(call.path("id"))).orElseThrow(ClientGrantsResource::notFound));
    }

    private static ApiError notFound() {
        return ApiError.notFound("The client grant does not exist", "inexistent_client_grant");
    }

    Object create(ApiCall call) {
        call.caller().require("create:client_grants");
        var body = call.body().allowOnly(JsonBody.union(ORGANIZATION_AND_RAR, Set.of("id", "client_id", "audience", "scope", "subject_type")))
                .require("client_id", "audience", "scope");
        refuseUnsupported(body);
        String clientId = body.string("client_id", 1, 64);
        String audience = body.string("audience", 1, 600);
        List<String> scope = dedupe(body.strings("scope", 1000, 1, 280));
        String subjectType = body.string("subject_type", 1, 32);
        if (subjectType != null && !subjectType.equals("client")) {
            JsonBody.fail("subject_type", "Tokenhook grants are for clients only; use \"client\"");
        }
        var now = clock.instant();
        var grant = new ClientGrant(Ids.givenOr(body, "id", Ids.CLIENT_GRANT_ID, Ids::clientGrantId), clientId, audience, scope, now, now);
        try {
            call.change().target(grant.id());
            changes.apply(call, tx -> {
                if (tx.clientGrant(grant.id()).isPresent()) {
                    throw ApiError.conflict("A client grant with the same id already exists.", "client_grant_conflict");
                }
                tx.client(clientId).orElseThrow(ClientsResource::notFound);
                var api = tx.resourceServerByIdentifier(audience).orElseThrow(() -> ApiError.notFound(
                        "No resource server found by specified identifier", "inexistent_resource_server"));
                checkScopesDefined(api, scope);
                tx.insertClientGrant(grant);
                return null;
            });
        } catch (ConflictException e) {
            throw ApiError.conflict("A client grant for this client and audience already exists.", "client_grant_conflict");
        }
        return render(grant);
    }

    Object update(ApiCall call) {
        call.caller().require("update:client_grants");
        var body = call.body().allowOnly(JsonBody.union(ORGANIZATION_AND_RAR, Set.of("scope")));
        refuseUnsupported(body);
        String id = call.path("id");
        List<String> given = body.strings("scope", 1000, 1, 280);
        if (given == null && body.has("scope")) JsonBody.fail("scope", "Expected type array but found type null");
        List<String> scope = given == null ? null : dedupe(given);
        var updated = changes.apply(call, tx -> {
            var old = tx.clientGrant(id).orElseThrow(ClientGrantsResource::notFound);
            if (scope == null) return old;
            protectAdminGrant(tx, old);
            tx.resourceServerByIdentifier(old.audience()).ifPresent(api -> checkScopesDefined(api, scope));
            var g = new ClientGrant(old.id(), old.clientId(), old.audience(), scope, old.createdAt(), clock.instant());
            tx.updateClientGrant(g);
            return g;
        });
        return render(updated);
    }

    Object delete(ApiCall call) {
        call.caller().require("delete:client_grants");
        String id = call.path("id");
        changes.apply(call, tx -> {
            protectAdminGrant(tx, tx.clientGrant(id).orElseThrow(ClientGrantsResource::notFound));
            tx.deleteClientGrant(id);
            return null;
        });
        return null;
    }

    /** The bootstrap admin's Management API grant is what lets operators in: changing it could lock them out. */
    private static void protectAdminGrant(StoreTx tx, ClientGrant grant) {
        boolean adminClient = tx.client(grant.clientId()).map(Client::system).orElse(false);
        boolean systemApi = tx.resourceServerByIdentifier(grant.audience()).map(ResourceServer::system).orElse(false);
        if (adminClient && systemApi) {
            throw new ApiError(403, "The bootstrap admin application's Management API grant cannot be changed or deleted",
                    "operation_not_supported");
        }
    }

    /** A grant may only hold scopes its API defines: a typo here would otherwise surface as a 403 at token time. */
    private static void checkScopesDefined(ResourceServer api, List<String> scope) {
        var defined = api.scopes().stream().map(ResourceServer.Scope::value).toList();
        var missing = scope.stream().filter(s -> !defined.contains(s)).toList();
        if (!missing.isEmpty()) {
            JsonBody.fail("scope", "Scopes not defined by the resource server: " + String.join(" ", missing));
        }
    }

    /**
     * Auth0 grant settings for organizations and rich authorization requests. Tokenhook has neither, so they are
     * accepted with the values that describe it (as Auth0 exports write them) and refused otherwise.
     */
    private static void refuseUnsupported(JsonBody body) {
        String usage = body.string("organization_usage", 1, 16);
        if (usage != null && !usage.equals("deny") && !usage.equals("allow")) {
            JsonBody.fail("organization_usage", "Tokenhook has no organizations: use deny or allow");
        }
        if (Boolean.TRUE.equals(body.bool("allow_any_organization"))) {
            JsonBody.fail("allow_any_organization", "Tokenhook has no organizations");
        }
        if (Boolean.TRUE.equals(body.bool("allow_all_scopes"))) {
            JsonBody.fail("allow_all_scopes", "List the granted scopes in scope");
        }
        List<String> types = body.strings("authorization_details_types", 100, 1, 280);
        if (types != null && !types.isEmpty()) {
            JsonBody.fail("authorization_details_types", "Tokenhook does not support rich authorization requests");
        }
    }

    private static List<String> dedupe(List<String> scope) {
        return List.copyOf(new LinkedHashSet<>(scope));
    }

    static Map<String, Object> render(ClientGrant g) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", g.id());
        m.put("client_id", g.clientId());
        m.put("audience", g.audience());
        m.put("scope", g.scope());
        m.put("subject_type", "client");
        return m;
    }
}
