package io.tokenhook.hooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenhook.tenant.Hook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs credentials-exchange hooks on GraalJS: one shared sandboxed engine, a pool of warm contexts per hook
 * version, a watchdog for deadlines and allocation budgets. Legacy ({@code module.exports = function (client,
 * scope, audience, context, cb)}) and Actions-style ({@code exports.onExecuteCredentialsExchange}) hooks.
 * Thread-safe; see the README, section Hooks, for the runtime hooks see.
 */
public final class GraalHookRunner implements HookRunner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GraalHookRunner.class);
    private static final Duration MAX_VALIDATE_DEADLINE = Duration.ofSeconds(5);

    private final HookRuntimeConfig config;
    private final JsEngine engine;
    private final Watchdog watchdog;
    private final ActionCache cache = new ActionCache();
    private final HookCall call;
    private final HookMetrics metrics;
    private final Duration validateDeadline;
    private final int moduleCount;
    private Thread warmup;
    private volatile boolean closing;
    /* Per hook id, the pool of the newest version seen; replaced (and the old one closed) when a newer arrives. */
    private final Map<String, HookPool> pools = new ConcurrentHashMap<>();
    /* The allocation budget reads the running thread's allocation counter, which virtual threads do not have. */
    private final ExecutorService platformThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Thread.ofPlatform().daemon().name("tokenhook-hook-", 0).factory());

    public GraalHookRunner(HookRuntimeConfig config, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config cannot be null");
        Map<String, String> modules = HookModules.load(config.modulesDir());
        this.engine = new JsEngine(modules);
        this.watchdog = new Watchdog(config.allocationBudgetBytes());
        this.call = new HookCall(watchdog, cache, config.allocationBudgetBytes());
        this.validateDeadline = config.deadline().compareTo(MAX_VALIDATE_DEADLINE) < 0 ? config.deadline() : MAX_VALIDATE_DEADLINE;
        this.metrics = new HookMetrics(Objects.requireNonNull(registry, "registry cannot be null"), config.deadline(),
                engine.jitEnabled());
        metrics.gauges(engine::openContexts, watchdog::activeCalls);
        this.moduleCount = modules.size();
    }

    /**
     * Starts the synthetic warm-up calls on a background thread: seconds of work on a fresh JVM, so the server calls
     * this once it is listening, and hook exchanges meanwhile simply run colder.
     */
    public synchronized void warmUpInBackground() {
        if (warmup != null || closing) return;
        long started = System.nanoTime();
        warmup = Thread.ofPlatform().daemon().name("tokenhook-hook-warmup").start(() -> {
            try {
                Warmup.run(this, config.warmupCalls(), () -> closing);
                if (!closing) logStart(moduleCount, Duration.ofNanos(System.nanoTime() - started));
            } catch (RuntimeException e) {
                if (!closing) log.error("the hook runtime failed its self-test; hooks will fail: {}", e.getMessage(), e);
            }
        });
    }

    /** Whether the Graal JIT compiler runs hooks (false: the interpreter, about 14x slower on heavy hooks). */
    public boolean jitEnabled() {
        return engine.jitEnabled();
    }

    /** Runs {@code hook} for one exchange on a pooled context of its version. Never throws. */
    @Override
    public HookOutcome runCredentialsExchange(Hook hook, ExchangeContext context) {
        HookOutcome outcome = run(hook, context, false);
        metrics.record(hook.name(), outcome);
        return outcome;
    }

    /**
     * Runs {@code hook} (saved or a draft) exactly as an exchange would, on a context of its own, leaving the
     * pools and metrics of live hooks alone. A Success carries the scopes and claims the token would get.
     */
    @Override
    public HookOutcome runTest(Hook hook, ExchangeContext context) {
        return run(hook, context, true);
    }

    /**
     * Loads {@code script} in a throwaway context: empty when it parses and exports a legacy hook function or
     * {@code onExecuteCredentialsExchange}; otherwise a message fit for a 400 answer.
     */
    @Override
    public Optional<String> validate(String script) {
        if (script == null || script.isBlank()) {
            return Optional.of("the script is empty");
        }
        return onPlatformThread(() -> load(script));
    }

    /** Drops the contexts and cache of a deleted hook. */
    @Override
    public void forget(String hookId) {
        HookPool pool = pools.remove(hookId);
        if (pool != null) {
            pool.close();
        }
        cache.forget(hookId);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closing = true;
            t = warmup;
        }
        try {
            // the engine cannot close under a running call: the warm-up stops after its current one
            if (t != null) t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pools.values().forEach(HookPool::close);
        pools.clear();
        platformThreads.shutdownNow();
        watchdog.close();
        engine.close();
    }

    HookOutcome run(Hook hook, ExchangeContext context, boolean isolated) {
        return run(hook, context, isolated, config.deadline());
    }

    /** One call; {@code isolated} runs it on a context of its own instead of the hook version's pool. */
    HookOutcome run(Hook hook, ExchangeContext context, boolean isolated, Duration deadline) {
        try {
            return onPlatformThread(() -> exchange(hook, context, isolated, deadline));
        } catch (RuntimeException e) {
            log.error("Hook {} failed inside the runtime", hook.name(), e);
            return Outcomes.serverError("Hook " + hook.name() + " failed: internal error", null, List.of(), Duration.ZERO);
        }
    }

    private HookOutcome exchange(Hook hook, ExchangeContext context, boolean isolated, Duration deadline) {
        if (hook.script() == null || hook.script().isBlank()) {
            return Outcomes.serverError("Hook " + hook.name() + " has no script", null, List.of(), Duration.ZERO);
        }
        HookPool pooled = isolated ? null : poolFor(hook);
        HookPool pool = pooled != null ? pooled : newPool(hook, 1);
        try {
            return call.run(pool, hook.id(), hook.name(), context, deadline);
        } finally {
            if (pool != pooled) {
                pool.close();
            }
        }
    }

    /** The pool of the hook's version; null for a version older than the pooled one (a request of an old snapshot). */
    private HookPool poolFor(Hook hook) {
        HookPool pool = pools.get(hook.id());
        if (pool != null && pool.lastMatched() == hook) {
            return pool;    // the tenant snapshot's own instance: its version key (a hash of the script) is known
        }
        String version = versionKey(hook);
        if (pool != null && pool.versionKey().equals(version)) {
            pool.lastMatched(hook);
            return pool;
        }
        synchronized (pools) {
            pool = pools.get(hook.id());
            if (pool != null && pool.versionKey().equals(version)) {
                return pool;
            }
            if (pool != null && updatedAt(hook).isBefore(pool.updatedAt())) {
                return null;
            }
            HookPool fresh = newPool(hook, config.poolSize());
            fresh.lastMatched(hook);
            pools.put(hook.id(), fresh);
            if (pool != null) {
                pool.close();
            }
            return fresh;
        }
    }

    private HookPool newPool(Hook hook, int size) {
        return new HookPool(engine, versionKey(hook), updatedAt(hook), JsEngine.module(hook.script(), hook.name()),
                installConfig(hook.secrets()), size);
    }

    private Optional<String> load(String script) {
        // the runtime's own set-up is not the script's time: on a cold engine it alone can take a second
        Context context = engine.newContext();
        Value runtime = engine.initialize(context);
        Watchdog.Watch watch = watchdog.begin(System.nanoTime() + validateDeadline.toNanos());
        watch.attach(context);
        try {
            HookContext.load(engine, context, runtime, JsEngine.module(script, "hook.js"), installConfig(Map.of())).close();
            return Optional.empty();
        } catch (HookContext.LoadException e) {
            return Optional.of(e.getMessage());
        } catch (PolyglotException e) {
            return Optional.of(switch (watch.verdict()) {
                case TIMEOUT -> "the script did not finish loading within " + HookCall.format(validateDeadline);
                case BUDGET -> "the script exceeded the memory budget while loading";
                case NONE -> "the script failed while loading: " + e.getMessage();
            });
        } finally {
            watchdog.end(watch);
            engine.close(context);
        }
    }

    private String installConfig(Map<String, String> secrets) {
        return Json.write(Map.of(
                "secrets", secrets,
                "limits", Map.of("lines", config.consoleMaxLines(), "lineChars", config.consoleMaxLineChars(),
                        "totalChars", config.consoleMaxChars())));
    }

    private static String versionKey(Hook hook) {
        return hook.updatedAt() != null ? hook.versionKey() : hook.id() + "#" + Objects.hash(hook.script(), hook.secrets());
    }

    private static Instant updatedAt(Hook hook) {
        return hook.updatedAt() != null ? hook.updatedAt() : Instant.EPOCH;
    }

    private <T> T onPlatformThread(Supplier<T> task) {
        if (!Thread.currentThread().isVirtual()) {
            return task.get();
        }
        Future<T> result = platformThreads.submit(task::get);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a hook", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hook runtime failure", e.getCause());
        }
    }

    private void logStart(int moduleCount, Duration took) {
        String sizes = "deadline " + HookCall.format(config.deadline()) + ", allocation budget "
                + HookCall.megabytes(config.allocationBudgetBytes()) + ", " + config.poolSize() + " warm contexts per hook, "
                + moduleCount + " allowlisted modules; warmed up in the background in " + took.toMillis() + " ms";
        if (engine.jitEnabled()) {
            log.info("Hook runtime: GraalJS on {} with the JIT compiler; {}", engine.implementationName(), sizes);
        } else {
            log.warn("Hook runtime: GraalJS in the interpreter, without the JIT compiler (heavy hooks run about 14x"
                    + " slower; start the JVM with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI"
                    + " --upgrade-module-path=<the jars of target/jit>); {}", sizes);
        }
    }
}
