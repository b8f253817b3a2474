package io.tokenhook.hooks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenhook.tenant.Hook;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Hooks, exchanges and shared runners for the hook runtime tests (one engine each, built once per JVM). */
final class HookFixtures {

    static final String SEED = io.tokenhook.support.SeedHook.SCRIPT;

    private static final AtomicLong VERSIONS = new AtomicLong();
    private static GraalHookRunner runner;
    private static GraalHookRunner shortRunner;
    private static GraalHookRunner budgetRunner;
    static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();

    private HookFixtures() {}

    /** Deadline 5 s: for hooks that are meant to finish. */
    static synchronized GraalHookRunner runner() {
        if (runner == null) {
            runner = new GraalHookRunner(HookRuntimeConfig.defaults().withWarmupCalls(5), METRICS);
        }
        return runner;
    }

    /** Deadline 300 ms: for hooks that are meant to be stopped. */
    static synchronized GraalHookRunner shortRunner() {
        if (shortRunner == null) {
            shortRunner = new GraalHookRunner(HookRuntimeConfig.defaults().withDeadline(Duration.ofMillis(300))
                    .withWarmupCalls(2), new SimpleMeterRegistry());
        }
        return shortRunner;
    }

    /** Deadline 10 s, allocation budget 32 MB: allocation bombs in the cold interpreter take a while to reach it. */
    static synchronized GraalHookRunner budgetRunner() {
        if (budgetRunner == null) {
            budgetRunner = new GraalHookRunner(HookRuntimeConfig.defaults().withDeadline(Duration.ofSeconds(10))
                    .withAllocationBudget(32L << 20).withWarmupCalls(1), new SimpleMeterRegistry());
        }
        return budgetRunner;
    }

    /** A hook with its own id and a version of its own. */
    static Hook hook(String name, String script) {
        return hook(name, script, Map.of());
    }

    static Hook hook(String name, String script, Map<String, String> secrets) {
        return version(name + "-" + VERSIONS.incrementAndGet(), name, script, secrets);
    }

    /** A version of hook {@code id}: later calls make newer versions. */
    static Hook version(String id, String name, String script, Map<String, String> secrets) {
        Instant saved = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(VERSIONS.incrementAndGet());
        return new Hook(id, name, script, Hook.CREDENTIALS_EXCHANGE, true, Map.of(), secrets, saved, saved);
    }

    /** Client {@code clientId} granted read:data (of read:data and write:data) on https://api.example.com/. */
    static ExchangeContext exchange(String clientId) {
        return exchange(clientId, List.of("read:data"));
    }

    static ExchangeContext exchange(String clientId, List<String> granted) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credentials");
        body.put("client_id", clientId);
        body.put("audience", "https://api.example.com/");
        body.put("custom_param", "value");
        return new ExchangeContext(clientId, "Client " + clientId, "acme", Map.of("plan", "full"), granted,
                "https://api.example.com/", "203.0.113.7", "curl/8.0", "auth.example.com", body,
                List.of("read:data", "write:data"), List.of("read:data"));
    }

    /** A legacy hook answering one claim, https://t.example/r, computed by {@code expression}. */
    static String reporting(String expression) {
        return "module.exports = function (client, scope, audience, context, cb) {\n"
                + "  cb(null, { 'https://t.example/r': " + expression + " });\n"
                + "};";
    }

    static HookOutcome.Success success(HookOutcome outcome) {
        if (outcome instanceof HookOutcome.Success success) {
            return success;
        }
        throw new AssertionError("expected a Success, got " + outcome);
    }

    static HookOutcome.Failure failure(HookOutcome outcome) {
        if (outcome instanceof HookOutcome.Failure failure) {
            return failure;
        }
        throw new AssertionError("expected a Failure, got " + outcome);
    }

    static Object reported(HookOutcome outcome) {
        return success(outcome).claims().get("https://t.example/r");
    }
}
