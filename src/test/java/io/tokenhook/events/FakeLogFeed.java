package io.tokenhook.events;

import io.tokenhook.store.LogFeed;
import io.tokenhook.tenant.LogEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link LogFeed}: positions are taken by {@link #insert} and become visible by {@link #commit}, as
 * rows of concurrent transactions do. Counts the queries it answers.
 */
final class FakeLogFeed implements LogFeed {
    private final TreeMap<Long, LogEvent> committed = new TreeMap<>();
    private final Map<Long, LogEvent> inFlight = new TreeMap<>();
    private long next = 1;
    final AtomicInteger queries = new AtomicInteger();
    /** While true, every query fails, as with the database away. */
    volatile boolean down;
    final List<Collection<Long>> askedFor = new ArrayList<>();

    /** Takes the next position for an event made at {@code millis} on node {@code node}; not visible yet. */
    synchronized long insert(long millis, int node) {
        long position = next++;
        inFlight.put(position, event(millis, node));
        return position;
    }

    synchronized void commit(long position) {
        committed.put(position, inFlight.remove(position));
    }

    synchronized long write(long millis, int node) {
        long p = insert(millis, node);
        commit(p);
        return p;
    }

    /** A rolled back insert: its position stays a gap for good. */
    synchronized void rollback(long position) {
        inFlight.remove(position);
    }

    @Override
    public synchronized long head() {
        queries.incrementAndGet();
        if (down) throw new IllegalStateException("the database is away");
        return committed.isEmpty() ? 0 : committed.lastKey();
    }

    @Override
    public synchronized List<Entry> read(long after, Collection<Long> positions, int limit) {
        queries.incrementAndGet();
        if (down) throw new IllegalStateException("the database is away");
        askedFor.add(List.copyOf(positions));
        var out = new ArrayList<Entry>();
        for (long p : positions) if (committed.containsKey(p)) out.add(new Entry(p, committed.get(p)));
        committed.tailMap(after, false).entrySet().stream().limit(limit).forEach(e -> out.add(new Entry(e.getKey(), e.getValue())));
        out.sort(java.util.Comparator.comparingLong(Entry::position));
        return out;
    }

    /** A log id as LogIds makes them: millis × 10^6 + a counter, then the node. */
    static String logId(long millis, int node) {
        return String.format("%020d%04d", millis * 1_000_000L, node);
    }

    static LogEvent event(long millis, int node) {
        return new LogEvent(logId(millis, node), java.time.Instant.ofEpochMilli(millis), "seccft", null, "client-" + node,
                null, "https://api.example.com/", null, null, null, null, Map.of());
    }
}
