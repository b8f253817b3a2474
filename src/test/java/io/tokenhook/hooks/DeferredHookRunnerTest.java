package io.tokenhook.hooks;

import static io.tokenhook.hooks.HookFixtures.exchange;
import static io.tokenhook.hooks.HookFixtures.failure;
import static io.tokenhook.hooks.HookFixtures.hook;
import static io.tokenhook.hooks.HookFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hook runtime that loads off the start-up path: callers wait for it, never hang on a dead one. */
class DeferredHookRunnerTest {

    @Test
    void aCallBeforeLoadingLoadsTheEngineOnceAndRunsTheHook() {
        AtomicInteger created = new AtomicInteger();
        try (var runner = new DeferredHookRunner(() -> {
            created.incrementAndGet();
            return new GraalHookRunner(HookRuntimeConfig.defaults().withWarmupCalls(0), new SimpleMeterRegistry());
        })) {
            assertThat(success(runner.runCredentialsExchange(hook("seed", HookFixtures.SEED), exchange("c"))).claims())
                    .containsEntry("https://foo.com/claim", "bar");
            runner.load();
            assertThat(runner.validate("module.exports = function (c, s, a, x, cb) { cb(); };")).isEmpty();
            assertThat(created).hasValue(1);
        }
    }

    @Test
    void aRuntimeThatFailedToLoadFailsHooksWithA500AndRefusesScripts() {
        try (var runner = new DeferredHookRunner(() -> { throw new IllegalStateException("no engine here"); })) {
            runner.load();

            assertThat(failure(runner.runCredentialsExchange(hook("seed", HookFixtures.SEED), exchange("c"))).status())
                    .isEqualTo(500);
            assertThat(runner.validate("module.exports = function () {};")).hasValueSatisfying(
                    message -> assertThat(message).contains("not available"));
        }
    }

    @Test
    void aClosedRuntimeThatNeverLoadedAnswersAtOnce() {
        var runner = new DeferredHookRunner(() -> { throw new AssertionError("must not load after close"); });
        runner.close();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThat(failure(runner.runCredentialsExchange(hook("seed", HookFixtures.SEED), exchange("c"))).status())
                        .isEqualTo(500));
    }
}
