package io.tokenhook.hooks;

import io.tokenhook.tenant.Hook;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;

/**
 * The contexts of one hook version: at most four times {@code size} run at once (hooks waiting on timers need
 * more than one per core), after which callers wait for a context until their deadline. Every context created
 * stays warm for the next call: discarding the extra ones after a burst would make a context per call (about
 * 100 µs each) the steady state under concurrency.
 * A caller gets back the context its thread used last when it is idle, else the most recently used one: a
 * context entered by another thread than before takes GraalJS's slow path (measured at a fifth of a warm call
 * on a server with dozens of request threads), and the newest one is warmest in the CPU caches.
 * Contexts are never shared between hook versions, so globals never leak from one hook to another.
 */
final class HookPool implements AutoCloseable {

    private static final int BURST_FACTOR = Integer.getInteger("tokenhook.hooks.burst", 4);

    private final JsEngine engine;
    private final String versionKey;
    private final Instant updatedAt;
    private final Source script;
    private final String configJson;
    private final int capacity;
    private final ArrayDeque<HookContext> idle; // guarded by itself; most recently used first
    private final Semaphore permits;
    private boolean closed; // guarded by idle
    private volatile Hook lastMatched;

    HookPool(JsEngine engine, String versionKey, Instant updatedAt, Source script, String configJson, int size) {
        this.engine = engine;
        this.versionKey = versionKey;
        this.updatedAt = updatedAt;
        this.script = script;
        this.configJson = configJson;
        this.capacity = size * BURST_FACTOR;
        this.idle = new ArrayDeque<>(capacity);
        this.permits = new Semaphore(capacity);
    }

    String versionKey() {
        return versionKey;
    }

    /** The hook record last found to be this pool's version: calls with the same instance skip the comparison. */
    Hook lastMatched() {
        return lastMatched;
    }

    void lastMatched(Hook hook) {
        this.lastMatched = hook;
    }

    /** When the hook version was saved: an older version never replaces a newer one's pool. */
    Instant updatedAt() {
        return updatedAt;
    }

    /**
     * A context for the calling thread, attached to {@code watch} before any guest code runs in it;
     * null when none became free before the watch's deadline.
     */
    HookContext acquire(Watchdog.Watch watch) throws HookContext.LoadException, InterruptedException {
        if (!permits.tryAcquire()) {
            long wait = watch.deadline() - System.nanoTime();
            if (!permits.tryAcquire(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                return null;
            }
        }
        try {
            HookContext pooled = takeIdle();
            if (pooled != null) {
                watch.attach(pooled.context());
                return pooled;
            }
            Context context = engine.newContext();
            watch.attach(context);
            return HookContext.load(engine, context, engine.initialize(context), script, configJson);
        } catch (HookContext.LoadException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** The idle context this thread used last, else the most recently used one; null when none is idle. */
    private HookContext takeIdle() {
        long thread = Thread.currentThread().threadId();
        synchronized (idle) {
            for (Iterator<HookContext> it = idle.iterator(); it.hasNext(); ) {
                HookContext context = it.next();
                if (context.lastThread() == thread) {
                    it.remove();
                    return context;
                }
            }
            return idle.pollFirst();
        }
    }

    /** Returns a context after a call; a context that may be damaged (stopped, cancelled) is closed instead. */
    void release(HookContext context, boolean reusable) {
        try {
            boolean kept = false;
            if (reusable) {
                context.lastThread(Thread.currentThread().threadId());
                synchronized (idle) {
                    if (!closed && idle.size() < capacity) {
                        idle.addFirst(context);
                        kept = true;
                    }
                }
            }
            if (!kept) {
                context.close();
            }
        } finally {
            permits.release();
        }
    }

    /** Closes the idle contexts now and the busy ones as they come back. */
    @Override
    public void close() {
        List<HookContext> drained;
        synchronized (idle) {
            closed = true;
            drained = new ArrayList<>(idle);
            idle.clear();
        }
        drained.forEach(HookContext::close);
    }
}
