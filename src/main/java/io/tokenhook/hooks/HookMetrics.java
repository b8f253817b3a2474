package io.tokenhook.hooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Per-hook meters: {@code tokenhook_hooks_calls_total}, {@code tokenhook_hooks_errors_total} (tagged with the
 * OAuth error), {@code tokenhook_hooks_timeouts_total}, {@code tokenhook_hooks_duration_seconds} (histogram),
 * all tagged {@code hook=<name>}; and the gauges {@code tokenhook_hooks_jit_enabled},
 * {@code tokenhook_hooks_contexts_open} and {@code tokenhook_hooks_calls_active}.
 */
final class HookMetrics {

    private final MeterRegistry registry;
    private final Duration deadline;
    /* Looked up once per hook name, so a call does not pay the registry's lookup. */
    private final Map<String, Meters> byHook = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    HookMetrics(MeterRegistry registry, Duration deadline, boolean jitEnabled) {
        this.registry = registry;
        this.deadline = deadline;
        Gauge.builder("tokenhook.hooks.jit.enabled", () -> jitEnabled ? 1 : 0)
                .description("1 when hooks run with the Graal JIT compiler, 0 in the interpreter")
                .register(registry);
    }

    /** The runtime's size: open contexts (all pools) and calls in progress; both fall back when hooks stop. */
    void gauges(IntSupplier openContexts, IntSupplier activeCalls) {
        Gauge.builder("tokenhook.hooks.contexts.open", openContexts::getAsInt)
                .description("GraalJS contexts open: idle in a pool, running or loading a hook")
                .register(registry);
        Gauge.builder("tokenhook.hooks.calls.active", activeCalls::getAsInt)
                .description("Hook calls in progress (validations and test runs included)")
                .register(registry);
    }

    void record(String hook, HookOutcome outcome) {
        Meters meters = byHook.computeIfAbsent(hook, this::meters);
        meters.calls.increment();
        meters.duration.record(outcome.duration());
        if (outcome instanceof HookOutcome.Failure failure) {
            errors.computeIfAbsent(hook + '\u0000' + failure.error(), key -> Counter.builder("tokenhook.hooks.errors")
                    .description("Hook calls that failed or denied the exchange")
                    .tag("hook", hook)
                    .tag("error", failure.error())
                    .register(registry)).increment();
            if (failure.timedOut()) {
                meters.timeouts.increment();
            }
        }
    }

    private Meters meters(String hook) {
        return new Meters(
                Counter.builder("tokenhook.hooks.calls").description("Hook calls").tag("hook", hook).register(registry),
                Counter.builder("tokenhook.hooks.timeouts").description("Hook calls stopped at their deadline")
                        .tag("hook", hook).register(registry),
                Timer.builder("tokenhook.hooks.duration").description("Hook call duration").tag("hook", hook)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofNanos(10_000))
                        .maximumExpectedValue(deadline)
                        .register(registry));
    }

    private record Meters(Counter calls, Counter timeouts, Timer duration) {}
}
