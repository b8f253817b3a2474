package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.tenant.Hook;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/v2/hooks/{id}/secrets} (spec 4.2): write-only values, read back as {@code _VALUE_NOT_SHOWN_}, at
 * most 20 per hook. As in Auth0, writing the placeholder stores the placeholder.
 */
final class HookSecretsResource {
    static final String HIDDEN = "_VALUE_NOT_SHOWN_";
    static final int MAX_SECRETS = 20;
    private static final int MAX_NAME = 128;
    private static final int MAX_VALUE = 4096;

    private final Changes changes;
    private final InstantSource clock;

    HookSecretsResource(Changes changes, InstantSource clock) {
        this.changes = changes;
        this.clock = clock;
    }

    Object list(ApiCall call) {
        call.caller().require("read:hooks");
        Hook hook = changes.store().read(tx -> tx.hook(call.path("id"))).orElseThrow(HooksResource::notFound);
        var out = new TreeMap<String, String>();
        hook.secrets().keySet().forEach(k -> out.put(k, HIDDEN));
        return out;
    }

    Object add(ApiCall call) {
        call.caller().require("update:hooks", "create:hooks");
        Map<String, String> secrets = secrets(call.body());
        String id = call.path("id");
        call.change().secretNames(secrets.keySet());
        changes.apply(call, tx -> {
            Hook hook = tx.hook(id).orElseThrow(HooksResource::notFound);
            for (String name : secrets.keySet()) {
                if (hook.secrets().containsKey(name)) {
                    throw ApiError.conflict("Secret with the same name already exists.", "hook_secret_conflict");
                }
            }
            var all = new LinkedHashMap<>(hook.secrets());
            all.putAll(secrets);
            if (all.size() > MAX_SECRETS) {
                throw ApiError.invalidBody("A hook can have a maximum of " + MAX_SECRETS + " secrets.");
            }
            tx.updateHook(withSecrets(hook, all));
            return null;
        });
        return Map.of();
    }

    Object update(ApiCall call) {
        call.caller().require("update:hooks", "create:hooks");
        Map<String, String> secrets = secrets(call.body());
        String id = call.path("id");
        call.change().secretNames(secrets.keySet());
        changes.apply(call, tx -> {
            Hook hook = tx.hook(id).orElseThrow(() -> ApiError.notFound("Hook or secret not found.", "inexistent_hook_secret"));
            for (String name : secrets.keySet()) {
                if (!hook.secrets().containsKey(name)) throw ApiError.notFound("Hook or secret not found.", "inexistent_hook_secret");
            }
            var all = new LinkedHashMap<>(hook.secrets());
            all.putAll(secrets);
            tx.updateHook(withSecrets(hook, all));
            return null;
        });
        return Map.of();
    }

    Object delete(ApiCall call) {
        call.caller().require("delete:hooks");
        JsonNode names = JsonBody.readTree(bodyBytes(call));
        if (!names.isArray() || names.isEmpty()) {
            throw ApiError.invalidBody("Payload validation error: 'Expected a non-empty array of secret names'.");
        }
        var toRemove = new LinkedHashSet<String>();
        for (JsonNode n : names) {
            if (!n.isTextual()) throw ApiError.invalidBody("Payload validation error: 'Secret names must be strings'.");
            toRemove.add(n.textValue());
        }
        String id = call.path("id");
        call.change().secretNames(toRemove);
        changes.apply(call, tx -> {
            Hook hook = tx.hook(id).orElseThrow(HooksResource::notFound);
            var all = new LinkedHashMap<>(hook.secrets());
            toRemove.forEach(all::remove);
            tx.updateHook(withSecrets(hook, all));
            return null;
        });
        return null;
    }

    private static byte[] bodyBytes(ApiCall call) {
        String type = call.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "Content-Type must be application/json", "unsupported_media_type");
        }
        return call.rawBody();
    }

    private Hook withSecrets(Hook h, Map<String, String> secrets) {
        return new Hook(h.id(), h.name(), h.script(), h.triggerId(), h.enabled(), h.dependencies(), secrets,
                h.createdAt(), clock.instant());
    }

    /** An object of 1 to 20 string values with sane names. */
    private static Map<String, String> secrets(JsonBody body) {
        var m = body.asStringMap();
        if (m.isEmpty()) throw ApiError.invalidBody("Payload validation error: 'Too few properties defined (0), minimum 1'.");
        if (m.size() > MAX_SECRETS) throw ApiError.invalidBody("A hook can have a maximum of " + MAX_SECRETS + " secrets.");
        m.forEach((name, value) -> {
            if (name.isEmpty() || name.length() > MAX_NAME || !name.matches("[A-Za-z0-9_.\\-]+")) {
                JsonBody.fail(name, "Secret names are 1-" + MAX_NAME + " letters, digits, '_', '-' or '.'");
            }
            if (value.length() > MAX_VALUE) JsonBody.fail(name, "Secret values are at most " + MAX_VALUE + " characters");
        });
        return m;
    }
}
