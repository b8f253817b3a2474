package io.tokenhook.hooks;

import static io.tokenhook.hooks.HookFixtures.exchange;
import static io.tokenhook.hooks.HookFixtures.hook;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenhook.tenant.Hook;
import org.junit.jupiter.api.Test;

class HookMetricsTest {

    @Test
    void callsErrorsAndDurationsAreCountedPerHook() {
        GraalHookRunner runner = HookFixtures.runner();
        SimpleMeterRegistry registry = HookFixtures.METRICS;
        Hook hook = hook("metered", "var n = 0; module.exports = function (c, s, a, x, cb) {"
                + " if (++n === 2) return cb(new InvalidScopeError('no')); cb(); };");

        for (int i = 0; i < 3; i++) {
            runner.runCredentialsExchange(hook, exchange("c"));
        }
        runner.runTest(hook, exchange("c")); // test runs are not live traffic

        assertThat(registry.get("tokenhook.hooks.calls").tag("hook", "metered").counter().count()).isEqualTo(3);
        assertThat(registry.get("tokenhook.hooks.errors").tag("hook", "metered").tag("error", "invalid_scope")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("tokenhook.hooks.timeouts").tag("hook", "metered").counter().count()).isZero();
        assertThat(registry.get("tokenhook.hooks.duration").tag("hook", "metered").timer().count()).isEqualTo(3);
        assertThat(registry.get("tokenhook.hooks.jit.enabled").gauge().value()).isEqualTo(runner.jitEnabled() ? 1 : 0);
    }

    @Test
    void openContextsAndCallsInProgressFallBackWhenAHookIsForgotten() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (GraalHookRunner runner = new GraalHookRunner(HookRuntimeConfig.defaults().withWarmupCalls(0), registry)) {
            Hook hook = hook("gauged", HookFixtures.SEED);

            runner.runCredentialsExchange(hook, exchange("c"));
            assertThat(registry.get("tokenhook.hooks.contexts.open").gauge().value()).isEqualTo(1);
            assertThat(registry.get("tokenhook.hooks.calls.active").gauge().value()).isZero();

            runner.forget(hook.id());
            runner.runTest(hook, exchange("c")); // a context of its own, closed after the run
            assertThat(registry.get("tokenhook.hooks.contexts.open").gauge().value()).isZero();
        }
    }

    @Test
    void timeoutsAreCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HookMetrics metrics = new HookMetrics(registry, java.time.Duration.ofSeconds(1), false);

        metrics.record("slow", Outcomes.timedOut("late", java.util.List.of(), java.time.Duration.ofSeconds(1)));

        assertThat(registry.get("tokenhook.hooks.timeouts").tag("hook", "slow").counter().count()).isEqualTo(1);
        assertThat(registry.get("tokenhook.hooks.errors").tag("error", "server_error").counter().count()).isEqualTo(1);
        assertThat(registry.get("tokenhook.hooks.jit.enabled").gauge().value()).isZero();
    }
}
