package io.tokenhook.store;

import io.tokenhook.tenant.LogEvent;

import java.util.Collection;
import java.util.List;

/**
 * The log in the order its rows were inserted, for a node that follows what every node writes to a shared store.
 * Each row gets a position when it is inserted. Positions grow, but a row becomes visible when its transaction
 * commits, so a lower position can appear after a higher one: a reader remembers the positions it has not seen
 * yet and asks for them again. A batch written late (after an outage) gets new positions, whatever its log ids.
 */
public interface LogFeed {

    /** The highest position committed so far; 0 when there is none. */
    long head();

    /**
     * The committed rows at {@code positions}, plus up to {@code limit} rows after position {@code after}, all in
     * position order. One query.
     */
    List<Entry> read(long after, Collection<Long> positions, int limit);

    /** A row of the log and its position. */
    record Entry(long position, LogEvent event) {}
}
