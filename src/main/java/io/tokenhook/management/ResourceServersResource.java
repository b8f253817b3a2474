package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.store.ConflictException;
import io.tokenhook.store.StoreTx;
import io.tokenhook.tenant.ResourceServer;
import io.tokenhook.tenant.SigningKey;
import io.tokenhook.token.KeyGenerator;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/v2/resource-servers}: the APIs tokens are issued for (spec 4.4). */
final class ResourceServersResource {
    static final Set<String> SIGNING_ALGS = Set.of("RS256", "PS256", "ES256", "EdDSA", "HS256");
    private static final int MAX_LIFETIME = 2_592_000;
    /** Auth0 settings stored and returned as given; Tokenhook's tokens do not depend on them. */
    private static final Map<String, JsonBody.Type> PASS_THROUGH = Map.ofEntries(
            Map.entry("allow_offline_access", JsonBody.Type.BOOLEAN),
            Map.entry("allow_online_access", JsonBody.Type.BOOLEAN),
            Map.entry("allow_online_access_with_ephemeral_sessions", JsonBody.Type.BOOLEAN),
            Map.entry("skip_consent_for_verifiable_first_party_clients", JsonBody.Type.BOOLEAN),
            Map.entry("token_lifetime_for_web", JsonBody.Type.INTEGER),
            Map.entry("token_lifetime_for_anonymous_access_tokens", JsonBody.Type.INTEGER),
            Map.entry("enforce_policies", JsonBody.Type.BOOLEAN),
            Map.entry("consent_policy", JsonBody.Type.STRING),
            Map.entry("authorization_details", JsonBody.Type.ARRAY),
            Map.entry("authorization_policy", JsonBody.Type.OBJECT),
            // checked by passThrough(): only values that match what Tokenhook does
            Map.entry("token_dialect", JsonBody.Type.STRING),
            Map.entry("subject_type_authorization", JsonBody.Type.OBJECT),
            Map.entry("proof_of_possession", JsonBody.Type.OBJECT));
    private static final Set<String> CREATE_FIELDS = JsonBody.union(PASS_THROUGH.keySet(),
            Set.of("id", "identifier", "name", "scopes", "signing_alg", "signing_secret", "token_lifetime", "token_encryption"));
    private static final Set<String> UPDATE_FIELDS = JsonBody.union(PASS_THROUGH.keySet(),
            Set.of("name", "scopes", "signing_alg", "signing_secret", "token_lifetime", "token_encryption"));

    private final Changes changes;
    private final InstantSource clock;

    ResourceServersResource(Changes changes, InstantSource clock) {
        this.changes = changes;
        this.clock = clock;
    }

    Object list(ApiCall call) {
        call.caller().require("read:resource_servers");
        var q = call.query().allowOnly(Set.of("page", "per_page", "include_totals", "identifiers", "include_fields", "fields"));
        var paging = Paging.from(q);
        List<String> identifiers = q.all("identifiers");
        if (identifiers.size() > 10) QueryParams.fail("identifiers", "At most 10 identifiers");
        var all = changes.store().read(StoreTx::resourceServers).stream()
                .filter(a -> identifiers.isEmpty() || identifiers.contains(a.identifier()))
                .map(ResourceServersResource::render).toList();
        var fields = Fields.from(q);
        return paging.apply(fields.applyAll(all), "resource_servers");
    }

    Object get(ApiCall call) {
        call.caller().require("read:resource_servers");
        var fields = Fields.from(call.query().allowOnly(Set.of("include_fields", "fields")));
        return fields.apply(render(find(call.path("id"))));
    }

    private ResourceServer find(String idOrIdentifier) {
        return changes.store().read(tx -> tx.resourceServer(idOrIdentifier).or(() -> tx.resourceServerByIdentifier(idOrIdentifier)))
                .orElseThrow(ResourceServersResource::notFound);
    }

    static ApiError notFound() {
        return ApiError.notFound("The resource server does not exist", "inexistent_resource_server");
    }

    Object create(ApiCall call) {
        call.caller().require("create:resource_servers");
        var body = call.body().allowOnly(CREATE_FIELDS).require("identifier");
        String identifier = body.string("identifier", 1, 600);
        String alg = signingAlg(body, "RS256");
        var now = clock.instant();
        var extra = passThrough(body);
        String id = Ids.givenOr(body, "id", Ids.RESOURCE_SERVER_ID, Ids::resourceServerId);
        var api = new ResourceServer(id, identifier, name(body, identifier), scopes(body, List.of()),
                alg, signingSecret(body, alg, null), lifetime(body, ResourceServer.DEFAULT_TOKEN_LIFETIME), false,
                extra, now, now);
        try {
            call.change().target(api.id());
            changes.apply(call, tx -> {
                if (tx.resourceServer(id).isPresent()) {
                    throw ApiError.conflict("A resource server with the same id already exists.", "resource_server_conflict");
                }
                tx.insertResourceServer(api);
                ensureTenantKey(tx, alg);
                return null;
            });
        } catch (ConflictException e) {
            throw ApiError.conflict("A resource server with the same identifier already exists.", "resource_server_conflict");
        }
        return render(api);
    }

    Object update(ApiCall call) {
        call.caller().require("update:resource_servers");
        var body = call.body().allowOnly(UPDATE_FIELDS);
        String id = call.path("id");
        var updated = changes.apply(call, tx -> {
            var old = tx.resourceServer(id).or(() -> tx.resourceServerByIdentifier(id)).orElseThrow(ResourceServersResource::notFound);
            call.change().target(old.id());
            if (old.system()) throw systemApi();
            String alg = signingAlg(body, old.signingAlg());
            if (!alg.equals(old.signingAlg())) {
                JsonBody.fail("signing_alg", "The signing algorithm cannot change after creation; create a new API instead");
            }
            var extra = JsonBody.updateSettings(old.extra(), passThrough(body));
            var api = new ResourceServer(old.id(), old.identifier(), body.has("name") ? name(body, old.identifier()) : old.name(),
                    scopes(body, old.scopes()), alg, signingSecret(body, alg, old.signingSecret()),
                    lifetime(body, old.tokenLifetime()), false, extra, old.createdAt(), clock.instant());
            tx.updateResourceServer(api);
            return api;
        });
        return render(updated);
    }

    Object delete(ApiCall call) {
        call.caller().require("delete:resource_servers");
        String id = call.path("id");
        changes.apply(call, tx -> {
            var api = tx.resourceServer(id).or(() -> tx.resourceServerByIdentifier(id)).orElseThrow(ResourceServersResource::notFound);
            call.change().target(api.id());
            if (api.system()) throw systemApi();
            tx.deleteClientGrantsOfAudience(api.identifier());
            tx.deleteResourceServer(api.id());
            return null;
        });
        return null;
    }

    private static ApiError systemApi() {
        return new ApiError(403, "The Management API is a system resource server and cannot be changed or deleted",
                "operation_not_supported");
    }

    /** Asymmetric algorithms sign with a tenant key; the first API using one creates it. */
    private void ensureTenantKey(StoreTx tx, String alg) {
        if (!KeyGenerator.ASYMMETRIC_ALGS.contains(alg)) return;
        boolean present = tx.signingKeys().stream().anyMatch(k -> k.alg().equals(alg) && k.inService());
        if (!present) {
            Instant now = clock.instant();
            tx.insertSigningKey(KeyGenerator.generate(alg, now).withCurrentSince(now));
        }
    }

    private static String name(JsonBody body, String fallback) {
        String name = body.string("name", 1, 200);
        if (name == null) return fallback;
        if (name.contains("<") || name.contains(">")) JsonBody.fail("name", "String must not contain < or >");
        return name;
    }

    private static String signingAlg(JsonBody body, String fallback) {
        String alg = body.string("signing_alg", 1, 16);
        if (alg == null) return fallback;
        if (!SIGNING_ALGS.contains(alg)) {
            JsonBody.fail("signing_alg", "No enum match for: " + alg + "; supported: HS256, RS256, PS256, ES256, EdDSA");
        }
        return alg;
    }

    private static String signingSecret(JsonBody body, String alg, String old) {
        String secret = body.string("signing_secret", 32, 1024);
        if (secret != null) return secret;
        if ("HS256".equals(alg)) return old != null ? old : KeyGenerator.hmacSecret();
        return old;
    }

    private static int lifetime(JsonBody body, int fallback) {
        Integer v = body.integer("token_lifetime", 1, MAX_LIFETIME);
        return v == null ? fallback : v;
    }

    private static List<ResourceServer.Scope> scopes(JsonBody body, List<ResourceServer.Scope> fallback) {
        JsonNode array = body.array("scopes");
        if (array == null) return fallback;
        var out = new ArrayList<ResourceServer.Scope>();
        var seen = new HashSet<String>();
        for (JsonNode item : array) {
            if (!item.isObject() || !item.path("value").isTextual()) {
                JsonBody.fail("scopes", "Each scope must be an object with a string value");
            }
            item.fieldNames().forEachRemaining(f -> {
                if (!f.equals("value") && !f.equals("description")) JsonBody.fail("scopes", "Additional properties not allowed: " + f);
            });
            String value = item.get("value").textValue();
            if (value.isEmpty() || value.length() > 280 || !value.matches("[\\x21\\x23-\\x5b\\x5d-\\x7e]+")) {
                JsonBody.fail("scopes", "Invalid scope value '" + value.replaceAll("[^\\x20-\\x7e]", "?") + "'");
            }
            if (!seen.add(value)) JsonBody.fail("scopes", "Duplicate scope value '" + value + "'");
            JsonNode d = item.get("description");
            if (d != null && !d.isNull() && (!d.isTextual() || d.textValue().length() > 500)) {
                JsonBody.fail("scopes", "Scope description must be a string of at most 500 characters");
            }
            out.add(new ResourceServer.Scope(value, d == null || d.isNull() ? null : d.textValue()));
        }
        return out;
    }

    private static Map<String, Object> passThrough(JsonBody body) {
        var extra = body.passThrough(PASS_THROUGH);
        Object dialect = extra.get("token_dialect");
        if (dialect != null && !"access_token".equals(dialect)) {
            JsonBody.fail("token_dialect", "Tokenhook issues the access_token dialect only");
        }
        JsonNode subjects = body.object("subject_type_authorization");
        String clientPolicy = subjects == null ? null : subjects.path("client").path("policy").asText(null);
        if (clientPolicy != null && !clientPolicy.equals("require_client_grant")) {
            JsonBody.fail("subject_type_authorization", "Tokenhook issues tokens to applications with a client grant only (client policy require_client_grant)");
        }
        JsonNode pop = body.object("proof_of_possession");
        if (pop != null && pop.path("required").asBoolean(false)) {
            JsonBody.fail("proof_of_possession", "Tokenhook does not issue sender-constrained (DPoP or mTLS) tokens");
        }
        if (body.object("token_encryption") != null) JsonBody.fail("token_encryption", "Tokenhook does not encrypt access tokens");
        return extra;
    }

    static Map<String, Object> render(ResourceServer a) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("identifier", a.identifier());
        if (a.system()) m.put("is_system", true);
        m.put("scopes", a.scopes().stream().map(s -> {
            var sm = new LinkedHashMap<String, Object>();
            sm.put("value", s.value());
            if (s.description() != null) sm.put("description", s.description());
            return sm;
        }).toList());
        m.put("signing_alg", a.signingAlg());
        if (a.signingSecret() != null) m.put("signing_secret", a.signingSecret());
        m.put("token_lifetime", a.tokenLifetime());
        m.put("token_lifetime_for_web", 7200);
        m.put("allow_offline_access", false);
        m.put("skip_consent_for_verifiable_first_party_clients", false);
        m.put("token_dialect", "access_token");
        m.put("enforce_policies", false);
        m.putAll(a.extra());
        return m;
    }
}
