package io.tokenhook.management;

import io.tokenhook.oauth.ClientAuthenticator;
import io.tokenhook.store.StoreTx;
import io.tokenhook.tenant.Client;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v2/clients}: applications (spec 4.3). Secrets are generated with 256 bits of randomness, shown
 * only in the responses of create and rotate-secret, and stored only as a SHA-256 digest.
 */
final class ClientsResource {
    static final Set<String> APP_TYPES = Set.of("non_interactive", "native", "spa", "regular_web", "rms", "box",
            "cloud", "zendesk", "zoom", "sso_integration", "oag", "express_configuration", "resource_server");
    static final Set<String> GRANT_TYPES = Set.of("client_credentials", "authorization_code", "implicit",
            "refresh_token", "password", "http://auth0.com/oauth/grant-type/password-realm",
            "http://auth0.com/oauth/grant-type/mfa-oob", "http://auth0.com/oauth/grant-type/mfa-otp",
            "http://auth0.com/oauth/grant-type/mfa-recovery-code", "urn:ietf:params:oauth:grant-type:device_code",
            "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:openid:params:grant-type:ciba",
            "urn:ietf:params:oauth:grant-type:token-exchange");
    static final Set<String> AUTH_METHODS = Set.of("none", "client_secret_post", "client_secret_basic");
    /** Auth0 settings stored and returned as given; the client credentials grant does not depend on them. */
    private static final Map<String, JsonBody.Type> PASS_THROUGH = Map.ofEntries(
            Map.entry("callbacks", JsonBody.Type.ARRAY), Map.entry("allowed_origins", JsonBody.Type.ARRAY),
            Map.entry("web_origins", JsonBody.Type.ARRAY), Map.entry("allowed_logout_urls", JsonBody.Type.ARRAY),
            Map.entry("client_aliases", JsonBody.Type.ARRAY), Map.entry("allowed_clients", JsonBody.Type.ARRAY),
            Map.entry("logo_uri", JsonBody.Type.STRING), Map.entry("initiate_login_uri", JsonBody.Type.STRING),
            Map.entry("organization_usage", JsonBody.Type.STRING),
            Map.entry("organization_require_behavior", JsonBody.Type.STRING),
            Map.entry("oidc_conformant", JsonBody.Type.BOOLEAN), Map.entry("sso", JsonBody.Type.BOOLEAN),
            Map.entry("sso_disabled", JsonBody.Type.BOOLEAN), Map.entry("cross_origin_authentication", JsonBody.Type.BOOLEAN),
            Map.entry("custom_login_page_on", JsonBody.Type.BOOLEAN),
            Map.entry("is_token_endpoint_ip_header_trusted", JsonBody.Type.BOOLEAN),
            Map.entry("jwt_configuration", JsonBody.Type.OBJECT), Map.entry("refresh_token", JsonBody.Type.OBJECT),
            Map.entry("addons", JsonBody.Type.OBJECT), Map.entry("mobile", JsonBody.Type.OBJECT),
            Map.entry("native_social_login", JsonBody.Type.OBJECT),
            // what current Auth0 exports carry (auth0-deploy-cli), all about interactive logins
            Map.entry("cross_origin_auth", JsonBody.Type.BOOLEAN), Map.entry("cross_origin_loc", JsonBody.Type.STRING),
            Map.entry("custom_login_page", JsonBody.Type.STRING), Map.entry("custom_login_page_preview", JsonBody.Type.STRING),
            Map.entry("form_template", JsonBody.Type.STRING), Map.entry("fedcm_login", JsonBody.Type.OBJECT),
            Map.entry("oidc_logout", JsonBody.Type.OBJECT), Map.entry("oidc_backchannel_logout", JsonBody.Type.OBJECT),
            Map.entry("session_transfer", JsonBody.Type.OBJECT), Map.entry("encryption_key", JsonBody.Type.OBJECT),
            Map.entry("default_organization", JsonBody.Type.OBJECT),
            Map.entry("organization_discovery_methods", JsonBody.Type.ARRAY),
            Map.entry("require_pushed_authorization_requests", JsonBody.Type.BOOLEAN),
            Map.entry("signed_request_object", JsonBody.Type.OBJECT),
            Map.entry("skip_non_verifiable_callback_uri_confirmation_prompt", JsonBody.Type.BOOLEAN),
            Map.entry("par_request_expiry", JsonBody.Type.INTEGER), Map.entry("compliance_level", JsonBody.Type.STRING),
            Map.entry("token_exchange", JsonBody.Type.OBJECT),
            Map.entry("require_proof_of_possession", JsonBody.Type.BOOLEAN));
    /** Auth0 settings that would change who gets a token and how: accepted only when they ask for nothing. */
    private static final Set<String> UNENFORCED = Set.of("client_authentication_methods", "token_quota");
    private static final Set<String> OWN_FIELDS = Set.of("name", "description", "app_type", "grant_types",
            "token_endpoint_auth_method", "client_metadata", "is_first_party", "client_secret");
    private static final Set<String> FIELDS;
    private static final Set<String> CREATE_FIELDS;
    static {
        var s = new HashSet<>(OWN_FIELDS);
        s.addAll(PASS_THROUGH.keySet());
        s.addAll(UNENFORCED);
        FIELDS = Set.copyOf(s);
        s.add("client_id");
        CREATE_FIELDS = Set.copyOf(s);
    }

    private final Changes changes;
    private final InstantSource clock;

    ClientsResource(Changes changes, InstantSource clock) {
        this.changes = changes;
        this.clock = clock;
    }

    Object list(ApiCall call) {
        call.caller().require("read:clients");
        var q = call.query().allowOnly(Set.of("page", "per_page", "include_totals", "fields", "include_fields",
                "is_global", "is_first_party", "app_type"));
        var paging = Paging.from(q);
        Boolean firstParty = q.bool("is_first_party");
        Boolean global = q.bool("is_global");
        String appTypes = q.string("app_type");
        Set<String> types = appTypes == null ? Set.of() : Set.copyOf(Arrays.asList(appTypes.split(",")));
        var all = changes.store().read(StoreTx::clients).stream()
                .filter(c -> firstParty == null || c.firstParty() == firstParty)
                .filter(c -> !Boolean.TRUE.equals(global))
                .filter(c -> types.isEmpty() || types.contains(c.appType()))
                .map(c -> render(c, null)).toList();
        return paging.apply(Fields.from(q).applyAll(all), "clients");
    }

    Object get(ApiCall call) {
        call.caller().require("read:clients");
        var fields = Fields.from(call.query().allowOnly(Set.of("fields", "include_fields")));
        return fields.apply(render(find(call.path("id")), null));
    }

    private Client find(String clientId) {
        return changes.store().read(tx -> tx.client(clientId)).orElseThrow(ClientsResource::notFound);
    }

    static ApiError notFound() {
        return ApiError.notFound("The client does not exist", "inexistent_client");
    }

    Object create(ApiCall call) {
        call.caller().require("create:clients");
        var body = call.body().allowOnly(CREATE_FIELDS).require("name");
        refuseUnenforced(body);
        String clientId = Ids.givenOr(body, "client_id", Ids.CLIENT_ID, Ids::clientId);
        String secret = customSecret(body);
        if (secret == null) secret = Ids.clientSecret();
        var now = clock.instant();
        var client = new Client(clientId, name(body), body.string("description", 0, 140),
                appType(body, "non_interactive"), grantTypes(body, List.of("client_credentials")),
                authMethod(body, "client_secret_post"), metadata(body, Map.of()),
                orElse(body.bool("is_first_party"), true),
                ClientAuthenticator.hash(secret), false, body.passThrough(PASS_THROUGH), now, now);
        call.change().target(client.clientId());
        changes.apply(call, tx -> {
            if (tx.client(clientId).isPresent()) {
                throw ApiError.conflict("A client with the same client_id already exists.", "client_conflict");
            }
            tx.insertClient(client);
            return null;
        });
        return render(client, secret);
    }

    Object update(ApiCall call) {
        call.caller().require("update:clients");
        var body = call.body().allowOnly(FIELDS);
        refuseUnenforced(body);
        String clientId = call.path("id");
        String secret = customSecret(body);
        var updated = changes.apply(call, tx -> {
            var old = tx.client(clientId).orElseThrow(ClientsResource::notFound);
            var extra = JsonBody.updateSettings(old.extra(), body.passThrough(PASS_THROUGH));
            var c = new Client(old.clientId(), body.has("name") ? name(body) : old.name(),
                    body.has("description") ? body.string("description", 0, 140) : old.description(),
                    appType(body, old.appType()), grantTypes(body, old.grantTypes()),
                    authMethod(body, old.tokenEndpointAuthMethod()), metadata(body, old.clientMetadata()),
                    orElse(body.bool("is_first_party"), old.firstParty()),
                    secret == null ? old.secretHash() : ClientAuthenticator.hash(secret), old.system(), extra,
                    old.createdAt(), clock.instant());
            if (c.system() && (!c.allowsGrant("client_credentials") || "none".equals(c.tokenEndpointAuthMethod()))) {
                throw new ApiError(403, "The bootstrap admin application must keep the client credentials grant and its secret",
                        "operation_not_supported");
            }
            tx.updateClient(c);
            return c;
        });
        return render(updated, null);
    }

    Object delete(ApiCall call) {
        call.caller().require("delete:clients");
        String clientId = call.path("id");
        changes.apply(call, tx -> {
            var client = tx.client(clientId).orElseThrow(ClientsResource::notFound);
            if (client.system()) {
                throw new ApiError(403, "The bootstrap admin application cannot be deleted", "operation_not_supported");
            }
            tx.deleteClientGrantsOfClient(clientId);
            tx.deleteClient(clientId);
            return null;
        });
        return null;
    }

    Object rotateSecret(ApiCall call) {
        call.caller().require("update:client_keys", "update:clients");
        String clientId = call.path("id");
        String secret = Ids.clientSecret();
        var rotated = changes.apply(call, tx -> {
            var old = tx.client(clientId).orElseThrow(ClientsResource::notFound);
            var c = new Client(old.clientId(), old.name(), old.description(), old.appType(), old.grantTypes(),
                    old.tokenEndpointAuthMethod(), old.clientMetadata(), old.firstParty(), ClientAuthenticator.hash(secret),
                    old.system(), old.extra(), old.createdAt(), clock.instant());
            tx.updateClient(c);
            return c;
        });
        return render(rotated, secret);
    }

    private static void refuseUnenforced(JsonBody body) {
        if (Boolean.TRUE.equals(body.bool("require_proof_of_possession"))) {
            JsonBody.fail("require_proof_of_possession", "Tokenhook does not issue sender-constrained (DPoP or mTLS) tokens");
        }
        if (body.object("client_authentication_methods") != null) {
            JsonBody.fail("client_authentication_methods", "Tokenhook authenticates applications with client_secret_post or client_secret_basic only");
        }
        if (body.object("token_quota") != null) JsonBody.fail("token_quota", "Tokenhook does not enforce token quotas");
    }

    private static boolean orElse(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    private static String name(JsonBody body) {
        String name = body.string("name", 1, 255);
        if (name == null) JsonBody.fail("name", "Expected type string but found type null");
        if (name.contains("<") || name.contains(">")) JsonBody.fail("name", "String must not contain < or >");
        return name;
    }

    private static String customSecret(JsonBody body) {
        return body.string("client_secret", 16, 256);
    }

    private static String appType(JsonBody body, String fallback) {
        String t = body.string("app_type", 1, 64);
        if (t == null) return fallback;
        if (!APP_TYPES.contains(t)) JsonBody.fail("app_type", "No enum match for: " + t);
        return t;
    }

    private static List<String> grantTypes(JsonBody body, List<String> fallback) {
        List<String> types = body.strings("grant_types", 20, 1, 200);
        if (types == null) return fallback;
        for (String t : types) if (!GRANT_TYPES.contains(t)) JsonBody.fail("grant_types", "No enum match for: " + t);
        return List.copyOf(new java.util.LinkedHashSet<>(types));
    }

    private static String authMethod(JsonBody body, String fallback) {
        String m = body.string("token_endpoint_auth_method", 1, 64);
        if (m == null) return fallback;
        if (!AUTH_METHODS.contains(m)) JsonBody.fail("token_endpoint_auth_method", "No enum match for: " + m);
        return m;
    }

    /** client_metadata: at most 10 keys of [A-Za-z0-9_-]{1,255}, string values of at most 255 characters. */
    private static Map<String, String> metadata(JsonBody body, Map<String, String> fallback) {
        Map<String, String> m = body.stringMap("client_metadata");
        if (m == null) return fallback;
        if (m.size() > 10) JsonBody.fail("client_metadata", "Too many properties (" + m.size() + "), maximum 10");
        m.forEach((k, v) -> {
            if (!k.matches("[A-Za-z0-9_-]{1,255}")) JsonBody.fail("client_metadata", "Invalid key '" + k.replaceAll("[^\\x20-\\x7e]", "?") + "'");
            if (v.length() > 255) JsonBody.fail("client_metadata." + k, "String is too long (" + v.length() + " chars), maximum 255");
        });
        return m;
    }

    static Map<String, Object> render(Client c, String secret) {
        var m = new LinkedHashMap<String, Object>();
        m.put("client_id", c.clientId());
        m.put("name", c.name());
        if (c.description() != null) m.put("description", c.description());
        if (secret != null) m.put("client_secret", secret);
        m.put("app_type", c.appType());
        m.put("is_first_party", c.firstParty());
        m.put("global", false);
        m.put("grant_types", c.grantTypes());
        m.put("token_endpoint_auth_method", c.tokenEndpointAuthMethod());
        m.put("client_metadata", c.clientMetadata());
        m.put("callbacks", List.of());
        m.put("oidc_conformant", true);
        m.put("sso_disabled", false);
        m.put("is_token_endpoint_ip_header_trusted", false);
        m.put("jwt_configuration", Map.of("alg", "RS256", "lifetime_in_seconds", 36000, "secret_encoded", false));
        m.putAll(c.extra());
        return m;
    }
}
