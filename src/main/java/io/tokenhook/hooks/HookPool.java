package io.tokenhook.hooks;

import io.tokenhook.tenant.Hook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;

/**
 * The contexts of one hook version. At most four times {@code size} calls run at once (hooks waiting on timers
 * need more than one per core); later callers wait for a context until their deadline. Up to {@code kept}
 * contexts stay warm (about 100 KB of heap each, plus what the hook keeps in module scope), so that every request
 * thread of a busy server has one of its own: a context entered by another thread than the last takes GraalJS's
 * slow entry, which cost a busy server more than the call itself.
 * A caller therefore gets the context its thread used last when it is idle; else a new one while fewer than
 * {@code kept} are open; else the least recently used idle one, most likely a thread's that has gone.
 * Contexts are never shared between hook versions, so globals never leak from one hook to another.
 */
final class HookPool implements AutoCloseable {

    private static final int BURST_FACTOR = Integer.getInteger("tokenhook.hooks.burst", 4);

    private final JsEngine engine;
    private final String versionKey;
    private final Instant updatedAt;
    private final Source script;
    private final String configJson;
    private final int kept;
    /* Idle contexts by the thread that used each last, least recently returned first; guarded by itself. */
    private final LinkedHashMap<Long, HookContext> idle = new LinkedHashMap<>();
    private final Semaphore permits;
    private int open; // guarded by idle: contexts made and not yet closed, idle or busy
    private boolean closed; // guarded by idle
    private volatile Hook lastMatched;

    HookPool(JsEngine engine, String versionKey, Instant updatedAt, Source script, String configJson, int size, int kept) {
        this.engine = engine;
        this.versionKey = versionKey;
        this.updatedAt = updatedAt;
        this.script = script;
        this.configJson = configJson;
        this.kept = kept;
        this.permits = new Semaphore(running(size));
    }

    /** Contexts of this pool not yet closed, idle or in a call. */
    int open() {
        synchronized (idle) {
            return open;
        }
    }

    /** How many calls of one hook version run at once for a pool of {@code size}. */
    static int running(int size) {
        return size * BURST_FACTOR;
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
            HookContext made = HookContext.load(engine, context, engine.initialize(context), script, configJson);
            synchronized (idle) {
                open++;
            }
            return made;
        } catch (HookContext.LoadException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * The idle context this thread used last; else null while fewer than {@code kept} are open (the caller makes
     * one); else the least recently used idle one, or null when all are busy.
     */
    private HookContext takeIdle() {
        synchronized (idle) {
            HookContext own = idle.remove(Thread.currentThread().threadId());
            if (own != null || open < kept || idle.isEmpty()) {
                return own;
            }
            var eldest = idle.entrySet().iterator();
            HookContext context = eldest.next().getValue();
            eldest.remove();
            return context;
        }
    }

    /** Returns a context after a call; a context that may be damaged (stopped, cancelled) is closed instead. */
    void release(HookContext context, boolean reusable) {
        try {
            boolean keep = false;
            if (reusable) {
                synchronized (idle) {
                    // a thread makes one call at a time, so it has no other idle context here
                    if (!closed && idle.size() < kept && !idle.containsKey(Thread.currentThread().threadId())) {
                        idle.put(Thread.currentThread().threadId(), context);
                        keep = true;
                    }
                }
            }
            if (!keep) {
                synchronized (idle) {
                    open--;
                }
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
            drained = new ArrayList<>(idle.values());
            idle.clear();
            open -= drained.size();
        }
        drained.forEach(HookContext::close);
    }
}
