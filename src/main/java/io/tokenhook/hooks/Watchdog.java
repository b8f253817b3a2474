package io.tokenhook.hooks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that watches every running hook call: past its deadline the call's context is interrupted; past
 * its allocation budget (read from the calling thread's allocated-bytes counter) the context is closed, since
 * community GraalJS has no heap cap of its own. JavaScript can catch neither.
 */
final class Watchdog implements AutoCloseable {

    enum Verdict { NONE, TIMEOUT, BUDGET }

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final long TICK_NANOS = 2_000_000;
    /* Ticks without calls before the thread parks: under load it never parks and calls never pay an unpark. */
    private static final int IDLE_TICKS = 500;
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(1);

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long allocationBudget;
    private final Set<Watch> active = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean idle;
    private volatile boolean closed;

    Watchdog(long allocationBudget) {
        this.allocationBudget = allocationBudget;
        this.thread = Thread.ofPlatform().daemon().name("tokenhook-hook-watchdog").start(this::loop);
    }

    /** Starts watching the calling thread until {@code deadlineNanos} ({@link System#nanoTime()} based). */
    Watch begin(long deadlineNanos) {
        Watch watch = new Watch(Thread.currentThread().threadId(), threads.getCurrentThreadAllocatedBytes(), deadlineNanos);
        active.add(watch);
        if (idle) {
            LockSupport.unpark(thread);
        }
        return watch;
    }

    /** Stops watching; returns once no stop action can touch the watch's context any more. */
    void end(Watch watch) {
        active.remove(watch);
        synchronized (watch) {
            watch.ended = true;
        }
    }

    /** Calls begun and not ended: running hooks, including any still inside an operation it could not stop. */
    int activeCalls() {
        return active.size();
    }

    private void loop() {
        int quiet = 0;
        while (!closed) {
            if (quiet >= IDLE_TICKS) {
                idle = true;
                if (active.isEmpty()) {
                    LockSupport.park(this);
                }
                idle = false;
                quiet = 0;
            } else {
                LockSupport.parkNanos(this, TICK_NANOS);
            }
            quiet = active.isEmpty() ? quiet + 1 : 0;
            long now = System.nanoTime();
            for (Watch watch : active) {
                check(watch, now);
            }
        }
    }

    private void check(Watch watch, long now) {
        if (watch.verdict == Verdict.NONE) {
            long allocated = threads.getThreadAllocatedBytes(watch.threadId) - watch.startAllocated;
            if (allocated > allocationBudget) {
                watch.verdict = Verdict.BUDGET;
            } else if (now - watch.deadline >= 0) {
                watch.verdict = Verdict.TIMEOUT;
            }
        }
        // Repeated every tick until the call ends: the first interrupt may land while the caller is between two
        // guest calls. The stop runs on its own virtual thread so one slow stop never delays the others.
        if (watch.verdict != Verdict.NONE && watch.context != null && watch.stopping.compareAndSet(false, true)) {
            Thread.ofVirtual().name("tokenhook-hook-stop").start(() -> stop(watch));
        }
    }

    private static void stop(Watch watch) {
        try {
            synchronized (watch) {
                if (watch.ended) {
                    return;
                }
                if (watch.verdict == Verdict.BUDGET) {
                    watch.context.close(true);
                } else {
                    try {
                        watch.context.interrupt(INTERRUPT_WAIT);
                    } catch (TimeoutException e) {
                        watch.context.close(true);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.debug("stopping a hook context failed", e);
        } finally {
            watch.stopping.set(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    /** One watched call. Its context is attached as soon as it exists, so even loading a script is watched. */
    static final class Watch {
        private final long threadId;
        private final long startAllocated;
        private final long deadline;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private volatile Context context;
        private volatile Verdict verdict = Verdict.NONE;
        private boolean ended; // guarded by this

        private Watch(long threadId, long startAllocated, long deadline) {
            this.threadId = threadId;
            this.startAllocated = startAllocated;
            this.deadline = deadline;
        }

        void attach(Context value) {
            this.context = value;
        }

        Verdict verdict() {
            return verdict;
        }

        long deadline() {
            return deadline;
        }

        /** The caller saw the deadline pass itself (while waiting for a timer). */
        void expire() {
            if (verdict == Verdict.NONE) {
                verdict = Verdict.TIMEOUT;
            }
        }
    }
}
