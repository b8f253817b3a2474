package io.tokenhook.hooks;

import static io.tokenhook.hooks.HookFixtures.exchange;
import static io.tokenhook.hooks.HookFixtures.failure;
import static io.tokenhook.hooks.HookFixtures.hook;
import static io.tokenhook.hooks.HookFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenhook.hooks.HookOutcome.Failure;
import io.tokenhook.tenant.Hook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Deadlines (300 ms here), the allocation budget and the engine's own limits: the hook fails, nothing else. */
class HookLimitsTest {

    private final GraalHookRunner runner = HookFixtures.shortRunner();

    private HookOutcome run(String name, String script) {
        return runner.runCredentialsExchange(hook(name, script), exchange("client-1"));
    }

    /** The same runner, with a deadline a busy 2-core machine cannot miss: these calls are meant to finish. */
    private HookOutcome runNormal(Hook hook, String clientId) {
        return runner.run(hook, exchange(clientId), false, Duration.ofSeconds(10));
    }

    @AfterEach
    void aNormalHookStillWorks() {
        assertThat(success(runNormal(hook("after", HookFixtures.SEED), "c")).claims())
                .containsEntry("https://foo.com/claim", "bar");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "module.exports = function (client, scope, audience, context, cb) { };",
            "module.exports = function (client, scope, audience, context, cb) { setTimeout(function () {}, 10); };",
            "module.exports = function (client, scope, audience, context, cb) { setTimeout(function () { cb(); }, 5000); };",
            "exports.onExecuteCredentialsExchange = async () => { await new Promise(function () {}); };",
            "module.exports = function (client, scope, audience, context, cb) { while (true) {} };",
            "module.exports = function (c, s, a, x, cb) { for (;;) { try { while (true) {} } catch (e) {} finally { continue; } } };",
            "module.exports = function (c, s, a, x, cb) { setInterval(function () { var i = 0; while (i < 1e9) i++; }, 0); };",
            "while (true) {}\nmodule.exports = function () {};",
    })
    void hookPastItsDeadlineFailsWithTimedOut(String script) {
        Failure failure = failure(run("Slow Hook", script));

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.error()).isEqualTo("server_error");
        assertThat(failure.timedOut()).isTrue();
        assertThat(failure.description()).isEqualTo("Hook Slow Hook exceeded its 300ms execution time");
        assertThat(failure.duration().toMillis()).isBetween(290L, 5_000L);
    }

    /** These allocate as they spin: whichever comes first, the deadline or the allocation budget, stops them. */
    @ParameterizedTest
    @ValueSource(strings = {
            "module.exports = function (c, s, a, x, cb) { (function spin() { Promise.resolve().then(spin); })(); };",
            "exports.onExecuteCredentialsExchange = async () => { for (;;) { await null; } };",
    })
    void runawayMicrotasksAreStopped(String script) {
        Failure failure = failure(run("Spinner", script));

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.error()).isEqualTo("server_error");
        assertThat(failure.description()).isIn("Hook Spinner exceeded its 300ms execution time",
                "Hook Spinner exceeded its memory budget of 64 MB");
    }

    @Test
    void consoleBeforeTheDeadlineIsKept() {
        Failure failure = failure(run("logger", "module.exports = function (c, s, a, x, cb) {"
                + " console.log('about to spin'); while (true) {} };"));

        assertThat(failure.timedOut()).isTrue();
        assertThat(failure.console()).extracting(HookOutcome.ConsoleLine::message).containsExactly("about to spin");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "var keep = []; while (true) keep.push({ a: 1, b: 'x' + keep.length });",
            "var keep = new Map(); for (var i = 0; ; i++) keep.set(i, [i, i, i]);",
            "var s = []; while (true) s.push(new ArrayBuffer(1 << 20));",
            "var s = []; for (var i = 0; ; i++) s.push('x'.repeat(1 << 16) + i);",
    })
    void allocationBombIsStoppedByTheBudget(String bomb) {
        GraalHookRunner budgeted = HookFixtures.budgetRunner();
        Failure failure = failure(budgeted.runCredentialsExchange(
                hook("Bomb", "module.exports = function (c, s, a, x, cb) { " + bomb + " };"), exchange("c")));

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.error()).isEqualTo("server_error");
        assertThat(failure.timedOut()).isFalse();
        assertThat(failure.description()).isEqualTo("Hook Bomb exceeded its memory budget of 32 MB");
        assertThat(success(budgeted.runCredentialsExchange(hook("after", HookFixtures.SEED), exchange("c"))).scopes())
                .contains("extra");
        assertThat(failure.duration()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void deepRecursionFailsTheHook() {
        Failure failure = failure(run("recursive", "module.exports = function (c, s, a, x, cb) {"
                + " (function down(n) { return down(n + 1) + 1; })(0); };"));

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.description()).isEqualTo("Maximum call stack size exceeded");
        assertThat(failure.timedOut()).isFalse();
    }

    @Test
    void engineLimitsOnHugeValuesFailTheHook() {
        Failure failure = failure(run("huge", "module.exports = function (c, s, a, x, cb) { var s = 'x'; for (;;) s += s; };"));

        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.timedOut()).isFalse();
    }

    @Test
    void aStoppedHookRecoversAndItsNextVersionRuns() {
        Hook looping = HookFixtures.version("flaky", "flaky", "var n = 0; module.exports = function (c, s, a, x, cb) {"
                + " if (++n === 1) { while (true) {} } cb(null, { 'https://t.example/n': n }); };", Map.of());

        assertThat(failure(runner.runCredentialsExchange(looping, exchange("a"))).timedOut()).isTrue();
        // the interrupted context was dropped: the next call loads the hook afresh
        assertThat(failure(runner.runCredentialsExchange(looping, exchange("a"))).timedOut()).isTrue();
        Hook fixed = HookFixtures.version("flaky", "flaky", HookFixtures.SEED, Map.of());
        assertThat(success(runNormal(fixed, "a")).scopes()).contains("extra");
    }

    @Test
    void otherRequestsAreUnaffectedByASpinningHook() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<HookOutcome>> spinning = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                spinning.add(threads.submit(() -> run("spinner", "module.exports = function () { while (true) {} };")));
            }
            Hook normal = hook("normal", HookFixtures.SEED);
            Future<List<HookOutcome>> normals = threads.submit(() -> {
                List<HookOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    outcomes.add(runNormal(normal, "c" + i));
                }
                return outcomes;
            });

            assertThat(normals.get()).allSatisfy(outcome -> assertThat(success(outcome).scopes()).contains("extra"));
            for (Future<HookOutcome> outcome : spinning) {
                assertThat(failure(outcome.get()).timedOut()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
