package io.tokenhook.store;

import io.tokenhook.tenant.LogEvent;
import io.tokenhook.tenant.TenantSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable home of the tenant configuration and the event log. The token endpoint never calls it: it reads the
 * {@link TenantSnapshot} built by {@link #loadSnapshot()}.
 *
 * <p>Every {@link #write} is one transaction that also bumps the configuration version, so any node can tell
 * its snapshot is stale by comparing {@link #configVersion()}. Events and dashboard sessions are not configuration:
 * their writes have methods of their own and never bump it.
 */
public interface Store extends AutoCloseable {

    /** Reads the whole configuration in one consistent read. */
    TenantSnapshot loadSnapshot();

    /** A number that grows with every committed configuration change. */
    long configVersion();

    /** Runs {@code work} in one read-only transaction. */
    <T> T read(Work<T> work);

    /** Runs {@code work} in one transaction, bumping the configuration version; rolls back if it throws. */
    <T> T write(Work<T> work);

    void appendEvents(List<LogEvent> events);

    List<LogEvent> queryEvents(EventQuery query);

    long countEvents(EventQuery query);

    Optional<LogEvent> findEvent(String logId);

    /** Deletes events older than {@code cutoff}; returns how many. */
    int purgeEventsBefore(Instant cutoff);

    /** Saves a newly signed-in dashboard session. */
    void insertDashboardSession(DashboardSession session);

    /** The dashboard session whose id hashes to {@code idHash}, expired or not: one read by primary key. */
    Optional<DashboardSession> dashboardSession(String idHash);

    /**
     * Records activity at {@code now}: {@code last_seen} becomes {@code now} and the session lasts until
     * {@code expiresAt}. False when the session is gone or had already expired by {@code now} (it stays so).
     */
    boolean touchDashboardSession(String idHash, Instant now, Instant expiresAt);

    /** Ends the session on every node (sign-out); false when it was already gone. */
    boolean deleteDashboardSession(String idHash);

    /** Deletes the dashboard sessions expired at {@code now}; returns how many. */
    int purgeDashboardSessions(Instant now);

    /**
     * Calls {@code onChange} soon after any node commits a configuration change (PostgreSQL LISTEN/NOTIFY), until the
     * returned handle is closed. Stores without a change feed (SQLite: one process) never call it.
     */
    AutoCloseable listen(Runnable onChange);

    /**
     * The log in insert order, for following what every node writes, when several nodes may share this store
     * (PostgreSQL); empty when this process is the only writer (SQLite).
     */
    default Optional<LogFeed> logFeed() {
        return Optional.empty();
    }

    @Override
    void close();

    @FunctionalInterface
    interface Work<T> {
        T run(StoreTx tx);
    }
}
