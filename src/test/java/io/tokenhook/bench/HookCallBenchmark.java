package io.tokenhook.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenhook.hooks.ExchangeContext;
import io.tokenhook.hooks.GraalHookRunner;
import io.tokenhook.hooks.HookOutcome;
import io.tokenhook.hooks.HookRuntimeConfig;
import io.tokenhook.tenant.Hook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A warm call of the seed page's hook (or {@code -Dbench.script}) through the runtime, as the token endpoint makes it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class HookCallBenchmark {
    private GraalHookRunner runner;
    private Hook hook;
    private ExchangeContext context;

    @Setup
    public void setUp() {
        runner = new GraalHookRunner(HookRuntimeConfig.defaults(), new SimpleMeterRegistry());
        Instant now = Instant.now();
        hook = new Hook("01BENCH0000000000000000000", "seed", System.getProperty("bench.script", io.tokenhook.support.SeedHook.SCRIPT), Hook.CREDENTIALS_EXCHANGE, true, Map.of(), Map.of(), now, now);
        context = new ExchangeContext("client-id-0123456789abcdefghijkl", "Reporting service", "default", Map.of("plan", "gold"),
                List.of("read:data"), "https://api.example.com/data", "127.0.0.1", "bench", "localhost",
                Map.of("grant_type", "client_credentials"), List.of("read:data"), List.of());
    }

    @TearDown
    public void tearDown() {
        runner.close();
    }

    @Benchmark
    public HookOutcome seedHook() {
        return runner.runCredentialsExchange(hook, context);
    }
}
