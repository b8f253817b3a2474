package io.tokenhook.events;

import io.tokenhook.store.LogFeed;
import io.tokenhook.tenant.LogEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * Where a {@link LogTail} stands in the shared log, without threads or clocks of its own: the last position read,
 * the positions skipped on the way (rows not committed yet) that it asks for again, and the events it holds back
 * until they have settled.
 *
 * <p>Each row is read once: either as a new position or as a skipped one that has since committed. A skipped
 * position is asked for in {@value #GAP_READS} successful reads, then given up (a rolled back or conflicting
 * insert leaves a gap for good); reads that fail do not count, so an outage does not use them up.
 *
 * <p>An event is held until its log id is {@code settleMillis} old, then delivered in log id order, so an event
 * with an earlier id that another node commits a little later still goes first. An event read after a later one
 * was delivered goes out at once, out of order: late, not lost.
 */
final class TailCursor {
    static final int PAGE = 1_000;
    /** Pages one read takes at most: a backlog (after an outage) is taken 10,000 rows a read. */
    static final int MAX_PAGES = 10;
    /** Positions below the head that the first read checks, for rows in flight when the tail starts. */
    static final int START_LOOK_BACK = 2_048;
    /** Successful reads that ask for a skipped position (10 s at the tail's 250 ms). */
    static final int GAP_READS = 40;
    static final int MAX_SKIPPED = 10_000;
    /** Past this many held events the oldest go out without waiting (a backlog, not a settle window). */
    static final int MAX_HELD = 20_000;

    private final LogFeed feed;
    private final long settleMillis;
    /** Every position up to here was read, or is in {@link #skipped}. */
    private long after;
    /** Skipped positions, oldest first, with the reads left to ask for each. */
    private final LinkedHashMap<Long, Integer> skipped = new LinkedHashMap<>();
    private final TreeMap<String, Taken> held = new TreeMap<>();
    private final List<Taken> late = new ArrayList<>();
    /** The highest log id delivered in order. */
    private String delivered = "";
    /** While starting: rows up to this position were committed before the tail started, and are not delivered. */
    private long startedAt = -1;

    TailCursor(LogFeed feed, long settleMillis) {
        this.feed = feed;
        this.settleMillis = settleMillis;
    }

    /**
     * Takes the current head as the starting point, as read number {@code read}. Rows already committed are not
     * delivered (a stream's replay covers them); rows in flight below the head are, once they commit.
     */
    void start(long read) {
        long head = feed.head();
        after = Math.max(0, head - START_LOOK_BACK);
        startedAt = head;
        try {
            read(read);
        } finally {
            startedAt = -1;
        }
    }

    /**
     * Reads what was committed since the last read, new positions and skipped ones that have committed since; the
     * events taken carry {@code read}, so a subscriber can tell the reads made before it joined.
     */
    void read(long read) {
        int fresh;
        int pages = 0;
        do {
            fresh = 0;
            for (LogFeed.Entry entry : feed.read(after, List.copyOf(skipped.keySet()), PAGE)) {
                long position = entry.position();
                if (position > after) {
                    skip(after + 1, position);
                    after = position;
                    fresh++;
                } else if (skipped.remove(position) == null) {
                    continue;   // not asked for: already read
                }
                take(new Taken(entry.event(), read), position);
            }
        } while (fresh >= PAGE && ++pages < MAX_PAGES);
        age();
    }

    /** Out-of-order events first (in log id order), then the held events that have settled by {@code nowMillis}. */
    Due due(long nowMillis) {
        late.sort(Comparator.comparing(t -> t.event().logId()));
        var outOfOrder = List.copyOf(late);
        late.clear();
        var inOrder = new ArrayList<Taken>();
        while (!held.isEmpty()) {
            String first = held.firstKey();
            if (held.size() <= MAX_HELD && LogIds.millis(first) + settleMillis > nowMillis) break;
            inOrder.add(held.pollFirstEntry().getValue());
            delivered = first;
        }
        return new Due(outOfOrder, inOrder);
    }

    /** An event and the number of the read that found it. */
    record Taken(LogEvent event, long read) {}

    /** Events to deliver now: {@code late} ones (read after a later event had gone out) and settled ones, in order. */
    record Due(List<Taken> late, List<Taken> inOrder) {
        boolean isEmpty() {
            return late.isEmpty() && inOrder.isEmpty();
        }
    }

    int skippedCount() {
        return skipped.size();
    }

    private void take(Taken taken, long position) {
        if (position <= startedAt) return;
        String id = taken.event().logId();
        if (id.compareTo(delivered) <= 0) late.add(taken);
        else held.put(id, taken);
    }

    private void skip(long from, long to) {
        for (long p = Math.max(from, to - MAX_SKIPPED); p < to; p++) skipped.put(p, GAP_READS);
        var oldest = skipped.keySet().iterator();
        while (skipped.size() > MAX_SKIPPED) {
            oldest.next();
            oldest.remove();
        }
    }

    private void age() {
        for (var it = skipped.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue() <= 1) it.remove();
            else e.setValue(e.getValue() - 1);
        }
    }
}
