package io.tokenhook.management;

import io.tokenhook.hooks.HookRunner;
import io.tokenhook.store.ConflictException;
import io.tokenhook.store.StoreTx;
import io.tokenhook.tenant.Hook;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /api/v2/hooks} (spec 4.1). One enabled hook per trigger: enabling one disables the other in the same
 * transaction. Scripts are checked by the runtime on save, so a hook that cannot load is refused with 400.
 */
final class HooksResource {
    static final List<String> TRIGGERS = List.of("credentials-exchange", "pre-user-registration",
            "post-user-registration", "post-change-password", "send-phone-message");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9]([ \\-a-zA-Z0-9]*[a-zA-Z0-9])?");
    static final int MAX_SCRIPT_CHARS = 100 * 1024;
    private static final Set<String> FIELDS = Set.of("id", "name", "script", "dependencies", "enabled", "triggerId");

    private final Changes changes;
    private final HookRunner runner;
    private final InstantSource clock;

    HooksResource(Changes changes, HookRunner runner, InstantSource clock) {
        this.changes = changes;
        this.runner = runner;
        this.clock = clock;
    }

    Object list(ApiCall call) {
        call.caller().require("read:hooks");
        var q = call.query().allowOnly(Set.of("page", "per_page", "include_totals", "enabled", "fields", "triggerId"));
        var paging = Paging.from(q);
        Boolean enabled = q.bool("enabled");
        String trigger = q.string("triggerId");
        if (trigger != null && !TRIGGERS.contains(trigger)) QueryParams.fail("triggerId", "No enum match for: " + trigger);
        var fields = fields(q);
        var all = changes.store().read(StoreTx::hooks).stream()
                .filter(h -> enabled == null || h.enabled() == enabled)
                .filter(h -> trigger == null || h.triggerId().equals(trigger))
                .map(h -> fields.apply(render(h))).toList();
        return paging.apply(all, "hooks");
    }

    Object get(ApiCall call) {
        call.caller().require("read:hooks");
        var fields = fields(call.query().allowOnly(Set.of("fields")));
        return fields.apply(render(find(call.path("id"))));
    }

    private static Fields fields(QueryParams q) {
        var fields = Fields.from(q);
        for (String f : fields.names()) if (!FIELDS.contains(f)) QueryParams.fail("fields", "Unknown field '" + f + "'");
        return fields;
    }

    Hook find(String id) {
        return changes.store().read(tx -> tx.hook(id)).orElseThrow(HooksResource::notFound);
    }

    static ApiError notFound() {
        return ApiError.notFound("Hook not found.", "inexistent_hook");
    }

    Object create(ApiCall call) {
        call.caller().require("create:hooks");
        var body = call.body().allowOnly(Set.of("id", "name", "script", "triggerId", "enabled", "dependencies"))
                .require("name", "script", "triggerId");
        String trigger = body.string("triggerId", 1, 64);
        if (!TRIGGERS.contains(trigger)) JsonBody.fail("triggerId", "No enum match for: " + trigger);
        String script = script(body, trigger);
        var now = clock.instant();
        var hook = new Hook(Ids.givenOr(body, "id", Ids.HOOK_ID, Ids::hookId), name(body), script, trigger, Boolean.TRUE.equals(body.bool("enabled")),
                dependencies(body, Map.of()), Map.of(), now, now);
        call.change().target(hook.id()).scripts(null, hook.script());
        List<Hook> disabled;
        try {
            disabled = changes.apply(call, tx -> {
                if (tx.hook(hook.id()).isPresent()) throw ApiError.conflict("A hook with the same id already exists.", "hook_conflict");
                var others = hook.enabled() ? disableOthers(tx, hook) : List.<Hook>of();
                tx.insertHook(hook);
                return others;
            });
        } catch (ConflictException e) {
            throw nameTaken();
        }
        logDisabled(call, disabled, hook);
        return render(hook);
    }

    Object update(ApiCall call) {
        call.caller().require("update:hooks");
        var body = call.body().allowOnly(Set.of("name", "script", "enabled", "dependencies"));
        if (body.isEmpty()) throw ApiError.invalidBody("Payload validation error: 'Too few properties defined (0), minimum 1'.");
        String id = call.path("id");
        Hook old = changes.store().read(tx -> tx.hook(id)).orElseThrow(() -> ApiError.notFound("The hook does not exist", "inexistent_hook"));
        String script = body.has("script") ? script(body, old.triggerId()) : old.script();
        String name = body.has("name") ? name(body) : old.name();
        Boolean enabled = body.bool("enabled");
        var dependencies = dependencies(body, old.dependencies());
        var disabled = new ArrayList<Hook>();
        Hook updated;
        try {
            updated = changes.apply(call, tx -> {
                var current = tx.hook(id).orElseThrow(() -> ApiError.notFound("The hook does not exist", "inexistent_hook"));
                var hook = new Hook(id, name, script, current.triggerId(), enabled == null ? current.enabled() : enabled,
                        dependencies, current.secrets(), current.createdAt(), clock.instant());
                call.change().scripts(current.script(), hook.script());
                if (!name.equals(current.name()) && tx.hooks().stream().anyMatch(h -> h.name().equals(name))) throw nameTaken();
                if (hook.enabled() && !current.enabled()) disabled.addAll(disableOthers(tx, hook));
                tx.updateHook(hook);
                return hook;
            });
        } catch (ConflictException e) {
            throw nameTaken();
        }
        logDisabled(call, disabled, updated);
        return render(updated);
    }

    Object delete(ApiCall call) {
        call.caller().require("delete:hooks");
        String id = call.path("id");
        changes.apply(call, tx -> {
            Hook hook = tx.hook(id).orElseThrow(HooksResource::notFound);
            call.change().scripts(hook.script(), null);
            tx.deleteHook(id);
            return null;
        });
        runner.forget(id);
        return null;
    }

    /**
     * The one-enabled-hook-per-trigger rule: disables the other enabled hooks of the trigger in the same
     * transaction and returns them as they were.
     */
    private List<Hook> disableOthers(StoreTx tx, Hook enabling) {
        var disabled = new ArrayList<Hook>();
        for (Hook other : tx.hooks()) {
            if (other.enabled() && other.triggerId().equals(enabling.triggerId()) && !other.id().equals(enabling.id())) {
                tx.updateHook(new Hook(other.id(), other.name(), other.script(), other.triggerId(), false,
                        other.dependencies(), other.secrets(), other.createdAt(), clock.instant()));
                disabled.add(other);
            }
        }
        return disabled;
    }

    /** Each hook the write disabled is a change of its own, logged by the same caller. */
    private void logDisabled(ApiCall call, List<Hook> disabled, Hook enabled) {
        for (Hook hook : disabled) {
            var operation = new Operation("Disable a hook: '" + hook.name() + "' was disabled because '" + enabled.name()
                    + "' was enabled for " + enabled.triggerId(), "hook", "disable");
            changes.record(call, operation.begin(hook.id()).scripts(hook.script(), hook.script()));
        }
    }

    private static ApiError nameTaken() {
        return ApiError.conflict("Hook with the same name already exists.", "hook_conflict");
    }

    private static String name(JsonBody body) {
        String name = body.string("name", 1, 128);
        if (name == null) JsonBody.fail("name", "Expected type string but found type null");
        if (!NAME.matcher(name).matches()) {
            JsonBody.fail("name", "Name may contain letters, digits, spaces and '-', and may neither start nor end with '-' or a space");
        }
        return name;
    }

    private String script(JsonBody body, String trigger) {
        String script = body.string("script", 1, MAX_SCRIPT_CHARS);
        if (script == null) JsonBody.fail("script", "Expected type string but found type null");
        if (Hook.CREDENTIALS_EXCHANGE.equals(trigger)) {
            runner.validate(script).ifPresent(problem -> JsonBody.fail("script", problem));
        }
        return script;
    }

    private static Map<String, String> dependencies(JsonBody body, Map<String, String> fallback) {
        Map<String, String> deps = body.stringMap("dependencies");
        if (deps == null) return fallback;
        if (deps.size() > 50) JsonBody.fail("dependencies", "At most 50 dependencies");
        deps.forEach((name, version) -> {
            if (name.isEmpty() || name.length() > 214 || version.length() > 64) JsonBody.fail("dependencies", "Invalid dependency '" + name + "'");
        });
        return deps;
    }

    static Map<String, Object> render(Hook h) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", h.id());
        m.put("name", h.name());
        m.put("script", h.script());
        m.put("dependencies", h.dependencies());
        m.put("triggerId", h.triggerId());
        m.put("enabled", h.enabled());
        return m;
    }
}
