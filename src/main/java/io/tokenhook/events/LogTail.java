package io.tokenhook.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenhook.store.LogFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's live view of a log that several nodes write (PostgreSQL). While at least one subscriber is open, one
 * thread reads the rows committed since its last read, every {@link #INTERVAL}, and hands them to every subscriber
 * in log id order about {@link #SETTLE} after they happened ({@link TailCursor} says how). With no subscriber it
 * makes no query at all.
 *
 * <p>Reads are numbered. {@link #subscribe} asks for a read at once and returns when it is done; the subscriber
 * gets the events of the reads after that one. So it gets every row committed after {@code subscribe} returned, and
 * any row it does not get was committed before, where a replay that queries afterwards finds it.
 *
 * <p>Metrics: {@code tokenhook_log_stream_lag_seconds}, how old the last delivered event was when it went out;
 * {@code tokenhook_log_stream_late_total}, events delivered out of order.
 */
final class LogTail implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(250);
    static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** How long a new subscriber waits for its joining read, so a replay joins the tail exactly. */
    private static final Duration JOIN_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);

    private final LogFeed feed;
    private final InstantSource clock;
    private final Duration settle;
    private final List<Member> subscribers = new CopyOnWriteArrayList<>();
    private final Counter late;
    private final AtomicLong lagMillis = new AtomicLong();
    // guarded by this
    private Thread thread;
    private boolean closed;
    /** Numbers of the last read started and the last one finished (or failed). */
    private long readsStarted;
    private long readsDone;
    /** A subscriber waits for the next read: no pause before it. */
    private boolean readNow;
    /** The tail thread's own: null while no one subscribes. */
    private TailCursor cursor;
    private boolean failing;

    LogTail(LogFeed feed, InstantSource clock, MeterRegistry metrics) {
        this(feed, clock, metrics, SETTLE);
    }

    LogTail(LogFeed feed, InstantSource clock, MeterRegistry metrics, Duration settle) {
        this.feed = feed;
        this.clock = clock;
        this.settle = settle;
        this.late = Counter.builder("tokenhook_log_stream_late")
                .description("log events the live stream delivered out of log id order, because they were written late")
                .register(metrics);
        Gauge.builder("tokenhook_log_stream_lag_seconds", lagMillis, v -> v.get() / 1000.0)
                .description("how long after it happened the live stream delivered the last event of the shared log")
                .register(metrics);
    }

    /**
     * Adds {@code subscriber}; returns once the tail has made a read that started after this call, so every row
     * committed from then on reaches the subscriber (or after {@link #JOIN_WAIT} when the store does not answer).
     */
    AutoCloseable subscribe(EventLog.Subscriber subscriber) {
        Member member;
        synchronized (this) {
            if (closed) throw new IllegalStateException("the event log is closed");
            long joining = readsStarted + 1;   // starts after this point, since reads start under this lock
            member = new Member(subscriber, joining + 1);
            subscribers.add(member);
            if (thread == null) thread = Thread.ofPlatform().daemon().name("tokenhook-log-tail").start(this::run);
            readNow = true;
            notifyAll();
            long deadline = System.nanoTime() + JOIN_WAIT.toNanos();
            try {
                for (long left = JOIN_WAIT.toMillis(); readsDone < joining && !closed && left > 0;
                     left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                    wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return () -> subscribers.remove(member);
    }

    /** A subscriber and the first read whose events it gets. */
    private record Member(EventLog.Subscriber subscriber, long joinedAt) {}

    private void run() {
        while (true) {
            long read;
            synchronized (this) {
                while (!closed && subscribers.isEmpty()) {
                    if (cursor != null) {   // the last stream closed: forget the position, query nothing
                        cursor = null;
                        lagMillis.set(0);
                    }
                    if (!await(0)) return;
                }
                if (closed) return;
                read = ++readsStarted;
                readNow = false;
            }
            Duration pause = INTERVAL;
            try {
                try {
                    if (cursor == null) {
                        var next = new TailCursor(feed, settle.toMillis());
                        next.start(read);
                        cursor = next;
                    } else {
                        cursor.read(read);
                    }
                } finally {
                    synchronized (this) {
                        readsDone = read;
                        notifyAll();
                    }
                }
                deliver(cursor.due(clock.millis()));
                if (failing) LOG.info("log tail: the shared log can be read again");
                failing = false;
            } catch (RuntimeException e) {
                if (!failing) LOG.warn("log tail: cannot read the shared log, retrying: {}", e.getMessage());
                failing = true;
                pause = RETRY;
            }
            synchronized (this) {
                if (!closed && !readNow && !await(pause.toMillis())) return;
            }
        }
    }

    /** Waits on this object's monitor (held by the caller); false when interrupted. */
    private boolean await(long millis) {
        try {
            wait(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void deliver(TailCursor.Due due) {
        if (due.isEmpty()) return;
        late.increment(due.late().size());
        for (TailCursor.Taken t : due.late()) deliver(t);
        for (TailCursor.Taken t : due.inOrder()) deliver(t);
        var newest = due.inOrder().isEmpty() ? due.late().get(due.late().size() - 1) : due.inOrder().get(due.inOrder().size() - 1);
        lagMillis.set(Math.max(0, clock.millis() - LogIds.millis(newest.event().logId())));
    }

    private void deliver(TailCursor.Taken t) {
        for (Member m : subscribers) {
            if (t.read() >= m.joinedAt()) m.subscriber().deliver(t.event());
        }
    }

    /** Stops the tail thread; waits for a read in progress. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            notifyAll();
            t = thread;
        }
        if (t == null) return;
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
