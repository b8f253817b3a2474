package io.tokenhook.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenhook.store.EventQuery;
import io.tokenhook.store.Store;
import io.tokenhook.tenant.LogEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The tenant log. {@link #record} never blocks: events go to a bounded in-memory queue that one writer thread
 * drains in batches. When the queue is full (the database is down or far slower than traffic) new events are
 * dropped and counted in {@code tokenhook_events_dropped_total}, so a token is never delayed by its log entry.
 * {@link #close()} drains the queue before returning.
 *
 * <p>{@link #subscribe Subscribers} (the live stream) get this node's events as each batch is written, or, when the
 * store is shared by several nodes, every node's events from a {@link LogTail} that follows the shared log.
 */
public final class EventLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    static final int BATCH_SIZE = 500;

    private final Store store;
    private final InstantSource clock;
    private final LogIds ids;
    private final BlockingQueue<LogEvent> queue;
    private final Duration retention;
    private final Counter dropped;
    private final Counter written;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Thread writer;
    /** Follows the shared log when several nodes may write it; null when this process is the only writer. */
    private final LogTail tail;
    private volatile boolean closing;
    private volatile Instant lastPurge = Instant.EPOCH;

    public EventLog(Store store, InstantSource clock, MeterRegistry metrics, int capacity, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.ids = new LogIds(clock);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.retention = retention;
        this.dropped = Counter.builder("tokenhook_events_dropped").description("log events dropped because the queue was full").register(metrics);
        this.written = Counter.builder("tokenhook_events_written").description("log events written to the store").register(metrics);
        metrics.gauge("tokenhook_events_queued", queue, BlockingQueue::size);
        this.tail = store.logFeed().map(feed -> new LogTail(feed, clock, metrics)).orElse(null);
        this.writer = Thread.ofPlatform().name("tokenhook-event-writer").daemon(true).start(this::drainLoop);
    }

    /** A new event with a fresh log id and the current time; the caller fills the rest. */
    public LogEvent newEvent(String type, String description, String clientId, String clientName, String audience,
                             String scope, String ip, String userAgent, String hookId, Map<String, Object> details) {
        // milliseconds, as the store keeps them: the live stream and GET /logs must show the same date
        return new LogEvent(ids.next(), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), type, description, clientId, clientName, audience, scope, ip,
                userAgent, hookId, details);
    }

    /** Queues {@code event} for writing; returns at once. */
    public void record(LogEvent event) {
        if (!queue.offer(event)) dropped.increment();
    }

    public List<LogEvent> query(EventQuery query) {
        return store.queryEvents(query);
    }

    public long count(EventQuery query) {
        return store.countEvents(query);
    }

    public Optional<LogEvent> find(String logId) {
        return store.findEvent(logId);
    }

    /**
     * Calls {@code listener} with each matching event written from now on, once, until closed. With one node, this
     * node's events as each batch is written. With several (a shared store), every node's events about a second after
     * they happened, in log id order; an event written later than that (after an outage) comes when it is written,
     * out of order. Returns once the subscription is in place: an event written afterwards is not missed.
     */
    public AutoCloseable subscribe(Predicate<LogEvent> filter, Consumer<LogEvent> listener) {
        var s = new Subscriber(filter, listener);
        if (tail != null) return tail.subscribe(s);
        subscribers.add(s);
        return () -> subscribers.remove(s);
    }

    /** A listener and its filter; a listener that throws does not stop the others. */
    record Subscriber(Predicate<LogEvent> filter, Consumer<LogEvent> listener) {
        void deliver(LogEvent e) {
            try {
                if (filter.test(e)) listener.accept(e);
            } catch (RuntimeException ex) {
                LOG.debug("log subscriber failed: {}", ex.getMessage());
            }
        }
    }

    private void drainLoop() {
        var batch = new ArrayList<LogEvent>(BATCH_SIZE);
        while (!closing || !queue.isEmpty()) {
            try {
                LogEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH_SIZE - 1);
                    writeWithRetry(batch);
                    batch.clear();
                }
                purgeIfDue();
            } catch (InterruptedException e) {
                closing = true;
            } catch (RuntimeException e) {
                LOG.error("event writer failed; {} events lost: {}", batch.size(), e.getMessage());
                dropped.increment(batch.size());
                batch.clear();
            }
        }
    }

    private void writeWithRetry(List<LogEvent> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                store.appendEvents(batch);
                written.increment(batch.size());
                publish(batch);
                return;
            } catch (RuntimeException e) {
                if (closing) throw e;
                LOG.warn("cannot write {} log events, retrying in {} ms: {}", batch.size(), backoff, e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 2_000);
            }
        }
    }

    private void publish(List<LogEvent> batch) {
        if (subscribers.isEmpty()) return;
        for (LogEvent e : batch) {
            for (Subscriber s : subscribers) s.deliver(e);
        }
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(Duration.ofHours(1)) < 0) return;
        lastPurge = now;
        int purged = store.purgeEventsBefore(now.minus(retention));
        if (purged > 0) LOG.info("purged {} log events older than {}", purged, retention);
    }

    /** Stops following the shared log, writes what is queued, then stops the writer. */
    @Override
    public void close() {
        if (tail != null) tail.close();
        closing = true;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
