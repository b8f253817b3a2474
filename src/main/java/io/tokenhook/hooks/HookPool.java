package io.tokenhook.hooks;

import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;

/**
 * The contexts of one hook version: at most four times {@code size} run at once (hooks waiting on timers need
 * more than one per core), after which callers wait for a context until their deadline. Every context created
 * stays warm for the next call: discarding the extra ones after a burst would make a context per call (about
 * 100 µs each) the steady state under concurrency.
 * Contexts are never shared between hook versions, so globals never leak from one hook to another.
 */
final class HookPool implements AutoCloseable {

    private static final int BURST_FACTOR = Integer.getInteger("tokenhook.hooks.burst", 4);

    private final JsEngine engine;
    private final String versionKey;
    private final Instant updatedAt;
    private final Source script;
    private final String configJson;
    private final BlockingQueue<HookContext> idle;
    private final Semaphore permits;
    private volatile boolean closed;

    HookPool(JsEngine engine, String versionKey, Instant updatedAt, Source script, String configJson, int size) {
        this.engine = engine;
        this.versionKey = versionKey;
        this.updatedAt = updatedAt;
        this.script = script;
        this.configJson = configJson;
        this.idle = new ArrayBlockingQueue<>(size * BURST_FACTOR);
        this.permits = new Semaphore(size * BURST_FACTOR);
    }

    String versionKey() {
        return versionKey;
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
        long wait = watch.deadline() - System.nanoTime();
        if (!permits.tryAcquire(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
            return null;
        }
        try {
            HookContext pooled = idle.poll();
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

    /** Returns a context after a call; a context that may be damaged (stopped, cancelled) is closed instead. */
    void release(HookContext context, boolean reusable) {
        try {
            if (!reusable || closed || !idle.offer(context)) {
                context.close();
            } else if (closed) {
                drain(); // close() ran between the check and the offer
            }
        } finally {
            permits.release();
        }
    }

    /** Closes the idle contexts now and the busy ones as they come back. */
    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        for (HookContext context; (context = idle.poll()) != null; ) {
            context.close();
        }
    }
}
