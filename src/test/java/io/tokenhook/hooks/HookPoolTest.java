package io.tokenhook.hooks;

import static io.tokenhook.hooks.HookFixtures.exchange;
import static io.tokenhook.hooks.HookFixtures.hook;
import static io.tokenhook.hooks.HookFixtures.reported;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenhook.tenant.Hook;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which warm context a call gets: its thread's own, so GraalJS keeps its fast entry, and never more than kept. */
class HookPoolTest {

    /* Each context draws its own id once, when the hook loads in it. */
    private static final String CONTEXT_ID = HookFixtures.reporting("contextId")
            .replace("module.exports", "var contextId = Math.random().toString(36).slice(2);\nmodule.exports");

    @Test
    void threadsTakingTurnsEachKeepTheirOwnContext() throws Exception {
        try (var runner = new GraalHookRunner(HookRuntimeConfig.defaults().withWarmupCalls(0), new SimpleMeterRegistry())) {
            Hook hook = hook("per-thread", CONTEXT_ID);
            int threads = 6;
            List<Set<Object>> seen = new ArrayList<>();
            for (int t = 0; t < threads; t++) seen.add(new LinkedHashSet<>());
            // one call at a time, the threads in turn: each finds every other thread's context idle
            List<Thread> workers = new ArrayList<>();
            Object turn = new Object();
            int[] next = {0};
            int rounds = 20;
            for (int t = 0; t < threads; t++) {
                int me = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    for (int round = 0; round < rounds; round++) {
                        synchronized (turn) {
                            while (next[0] % threads != me) {
                                try {
                                    turn.wait();
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                            seen.get(me).add(reported(runner.runCredentialsExchange(hook, exchange("c"))));
                            next[0]++;
                            turn.notifyAll();
                        }
                    }
                }));
            }
            for (Thread w : workers) w.join(60_000);

            assertThat(next[0]).isEqualTo(threads * rounds);
            Set<Object> all = new HashSet<>();
            for (Set<Object> ids : seen) {
                assertThat(ids).as("the contexts one thread was given").hasSize(1);
                all.addAll(ids);
            }
            assertThat(all).as("one context per thread").hasSize(threads);
        }
    }

    @Test
    void withOneKeptContextThreadsTakingTurnsShareIt() throws Exception {
        try (var runner = new GraalHookRunner(HookRuntimeConfig.defaults().withWarmupCalls(0).withKeptContexts(1),
                new SimpleMeterRegistry())) {
            Hook hook = hook("shared", CONTEXT_ID);
            Set<Object> ids = new HashSet<>();
            for (int t = 0; t < 4; t++) {
                Thread caller = Thread.ofPlatform().start(() -> ids.add(reported(runner.runCredentialsExchange(hook, exchange("c")))));
                caller.join(60_000);
            }
            assertThat(ids).hasSize(1);
        }
    }

    @Test
    void contextsBeyondTheKeptNumberAreTakenFromTheLeastRecentlyUsed() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        int kept = 8;
        try (var runner = new GraalHookRunner(HookRuntimeConfig.defaults().withWarmupCalls(0).withKeptContexts(kept), registry)) {
            Hook hook = hook("bounded", CONTEXT_ID);
            List<Object> ids = new ArrayList<>();
            for (int t = 0; t < kept + 6; t++) {
                Thread caller = Thread.ofPlatform().start(() -> {
                    Object id = reported(runner.runCredentialsExchange(hook, exchange("c")));
                    synchronized (ids) {
                        ids.add(id);
                    }
                });
                caller.join(60_000);
            }

            assertThat(registry.get("tokenhook.hooks.contexts.open").gauge().value()).isEqualTo(kept);
            // the first threads' contexts, returned longest ago, went to the six threads past the bound
            assertThat(ids.subList(kept, kept + 6)).containsExactlyElementsOf(ids.subList(0, 6));
            assertThat(new HashSet<>(ids)).hasSize(kept);
        }
    }
}
