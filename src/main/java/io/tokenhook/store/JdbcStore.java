package io.tokenhook.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tokenhook.tenant.LogEvent;
import io.tokenhook.tenant.TenantSnapshot;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The {@link Store} over JDBC: SQLite (embedded default, WAL mode) or PostgreSQL. Schema by Flyway from
 * {@code db/migration/common} plus the dialect's own folder. The {@link SecretColumn}s are sealed under the
 * {@link MasterKey} on the way in and opened on the way out: callers only ever see clear values.
 */
public final class JdbcStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);
    private final HikariDataSource dataSource;
    private final SqlDialect dialect;
    /** SQLite has one writer at a time; taking turns in the JVM avoids SQLITE_BUSY on lock upgrades. */
    private final ReentrantLock writeLock;
    private final EventRows events;
    private final LogFeed logFeed;
    /** Set by {@link SecretsAtRest#unlock} before the store is handed out; replaced by a rotation. */
    private volatile MasterKey masterKey;

    private JdbcStore(HikariDataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.writeLock = dialect == SqlDialect.SQLITE ? new ReentrantLock() : null;
        this.events = new EventRows(dialect);
        this.logFeed = dialect == SqlDialect.POSTGRES ? new PositionFeed() : null;
    }

    /**
     * Opens (creating if needed) the SQLite database {@code tokenhook.db} in {@code dataDir}, migrates it, and unlocks
     * its secrets with the key from {@code masterKey}.
     */
    public static JdbcStore openSqlite(Path dataDir, MasterKeySource masterKey) {
        var file = dataDir.resolve("tokenhook.db").toAbsolutePath();
        var config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("busy_timeout", "10000");
        config.addDataSourceProperty("foreign_keys", "true");
        config.setMaximumPoolSize(4);
        config.setPoolName("tokenhook-sqlite");
        return open(config, SqlDialect.SQLITE, masterKey);
    }

    /** Opens a PostgreSQL database at {@code jdbcUrl}, migrates it, and unlocks its secrets with the key from {@code masterKey}. */
    public static JdbcStore openPostgres(String jdbcUrl, String user, String password, MasterKeySource masterKey) {
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("tokenhook-postgres");
        // server error details quote row values (and batch errors their parameters): keep them out of messages and logs
        config.addDataSourceProperty("logServerErrorDetail", "false");
        // while the database is down, a management write fails in seconds (503), not after Hikari's default 30 s
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(2_000);
        return open(config, SqlDialect.POSTGRES, masterKey);
    }

    private static JdbcStore open(HikariConfig config, SqlDialect dialect, MasterKeySource masterKey) {
        config.setInitializationFailTimeout(5_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open database " + withoutPassword(config.getJdbcUrl()) + ": "
                    + rootMessage(e), e);
        }
        var flyway = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.folder())
                .failOnMissingLocations(false)
                .load();
        try {
            refuseNewerSchema(flyway);
            flyway.migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e instanceof StoreUnavailableException ? e : new StoreUnavailableException("cannot migrate the database: " + rootMessage(e), e);
        }
        var store = new JdbcStore(ds, dialect);
        try {
            store.masterKey = SecretsAtRest.unlock(store, masterKey);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return store;
    }

    /** The JDBC URL as it may be shown: a {@code password} parameter in it is masked. */
    static String withoutPassword(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)([?&;]password=)[^&;]*", "$1****");
    }

    /** A database migrated by a newer Tokenhook is not touched: downgrading would lose data or misread it. */
    private static void refuseNewerSchema(Flyway flyway) {
        var info = flyway.info();
        String newest = null;
        String known = null;
        for (var m : info.all()) {
            if (m.getVersion() == null) continue;
            if (m.getState().name().startsWith("FUTURE")) newest = m.getVersion().getVersion();
            else known = m.getVersion().getVersion();
        }
        if (newest != null) {
            throw new StoreUnavailableException("the database schema is at version " + newest
                    + ", newer than this Tokenhook knows (" + known + "); run the Tokenhook release that migrated it, or a newer one", null);
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        return e.getMessage();
    }

    @Override
    public TenantSnapshot loadSnapshot() {
        return read(tx -> {
            var jdbc = (JdbcStoreTx) tx;
            jdbc.checkMasterKey();  // after a rotation by another process: say so, rather than fail on the first sealed value
            return new TenantSnapshot(jdbc.configVersion(), tx.clients(), tx.resourceServers(), tx.clientGrants(),
                    tx.hooks(), tx.signingKeys());
        });
    }

    /** The id of the key this store seals secrets under. */
    public String masterKeyId() {
        return masterKey.id();
    }

    /**
     * Re-seals every secret under {@code next} in one transaction, and makes {@code next} the key {@code source} holds:
     * staged there before the commit, put in place after it. Returns how many values were re-sealed.
     */
    public int rotateMasterKey(MasterKeySource source, MasterKey next) {
        int count = SecretsAtRest.rotate(this, source, masterKey, next);
        masterKey = next;
        return count;
    }

    /** A configuration write that seals with {@code sealWith} and skips the key check: for changing the key itself. */
    <T> T rekey(MasterKey sealWith, Function<JdbcStoreTx, T> work) {
        if (writeLock != null) writeLock.lock();
        try {
            return inTransaction(sealWith, true, false, tx -> work.apply((JdbcStoreTx) tx));
        } finally {
            if (writeLock != null) writeLock.unlock();
        }
    }

    /**
     * Rewrites the files so that values no longer in any row leave them: SQLite's free pages and write-ahead log,
     * PostgreSQL's dead row versions of the tables with secrets. A failure only costs that: it is logged.
     */
    void compact() {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            if (dialect == SqlDialect.SQLITE) {
                st.execute("VACUUM");
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } else {
                for (var column : SecretColumn.values()) st.execute("VACUUM FULL " + column.table);
            }
        } catch (SQLException e) {
            LOG.warn("could not compact the database ({}): replaced secret values may stay in its free space until it is reused", e.getMessage());
        }
    }

    @Override
    public long configVersion() {
        return read(tx -> ((JdbcStoreTx) tx).configVersion());
    }

    @Override
    public <T> T read(Work<T> work) {
        return inTransaction(masterKey, false, false, work);
    }

    @Override
    public <T> T write(Work<T> work) {
        if (writeLock != null) writeLock.lock();
        try {
            return inTransaction(masterKey, true, true, work);
        } finally {
            if (writeLock != null) writeLock.unlock();
        }
    }

    private <T> T inTransaction(MasterKey key, boolean bumpVersion, boolean checkKey, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                var tx = new JdbcStoreTx(c, dialect, key);
                // bumped first: the row lock makes configuration writes of all nodes take turns, and each one
                // reads what the previous committed (read committed), so checks such as "one enabled hook per
                // trigger" or "is a rotation already planned" cannot race
                if (bumpVersion) tx.bumpConfigVersion();
                // a node whose key was rotated away writes nothing, so no value sealed under an old key gets in
                if (checkKey) tx.checkMasterKey();
                T result = work.run(tx);
                if (bumpVersion) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return result;
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("database error: " + e.getMessage(), e);
        }
    }

    @Override
    public void appendEvents(List<LogEvent> batch) {
        if (batch.isEmpty()) return;
        if (writeLock != null) writeLock.lock();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            events.insert(c, batch);
            c.commit();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot write events: " + e.getMessage(), e);
        } finally {
            if (writeLock != null) writeLock.unlock();
        }
    }

    @Override
    public List<LogEvent> queryEvents(EventQuery query) {
        try (Connection c = dataSource.getConnection()) {
            return events.query(c, query);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read events: " + e.getMessage(), e);
        }
    }

    @Override
    public long countEvents(EventQuery query) {
        try (Connection c = dataSource.getConnection()) {
            return events.count(c, query);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count events: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LogEvent> findEvent(String logId) {
        try (Connection c = dataSource.getConnection()) {
            return events.find(c, logId);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read event: " + e.getMessage(), e);
        }
    }

    @Override
    public int purgeEventsBefore(Instant cutoff) {
        if (writeLock != null) writeLock.lock();
        try (Connection c = dataSource.getConnection()) {
            return events.purgeBefore(c, cutoff);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot purge events: " + e.getMessage(), e);
        } finally {
            if (writeLock != null) writeLock.unlock();
        }
    }

    // ---- dashboard sessions: single statements in autocommit, outside configuration writes (no version bump)

    @Override
    public void insertDashboardSession(DashboardSession session) {
        onConnection(true, "cannot save the dashboard session", c -> {
            SessionRows.insert(c, session);
            return null;
        });
    }

    @Override
    public Optional<DashboardSession> dashboardSession(String idHash) {
        return onConnection(false, "cannot read the dashboard session", c -> SessionRows.find(c, idHash));
    }

    @Override
    public boolean touchDashboardSession(String idHash, Instant now, Instant expiresAt) {
        return onConnection(true, "cannot update the dashboard session", c -> SessionRows.touch(c, idHash, now, expiresAt));
    }

    @Override
    public boolean deleteDashboardSession(String idHash) {
        return onConnection(true, "cannot delete the dashboard session", c -> SessionRows.delete(c, idHash));
    }

    @Override
    public int purgeDashboardSessions(Instant now) {
        return onConnection(true, "cannot purge dashboard sessions", c -> SessionRows.purgeExpired(c, now));
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a pooled connection in autocommit; a write takes SQLite's turn. */
    private <T> T onConnection(boolean write, String failure, SqlWork<T> work) {
        boolean locked = write && writeLock != null;
        if (locked) writeLock.lock();
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreUnavailableException(failure + ": " + e.getMessage(), e);
        } finally {
            if (locked) writeLock.unlock();
        }
    }

    @Override
    public AutoCloseable listen(Runnable onChange) {
        if (dialect != SqlDialect.POSTGRES) return () -> { };
        return PgChangeFeed.start(dataSource, onChange);
    }

    @Override
    public Optional<LogFeed> logFeed() {
        return Optional.ofNullable(logFeed);
    }

    /** The log_events rows by their position column (PostgreSQL). */
    private final class PositionFeed implements LogFeed {
        @Override
        public long head() {
            try (Connection c = dataSource.getConnection()) {
                return events.head(c);
            } catch (SQLException e) {
                throw new StoreUnavailableException("cannot read the log head: " + e.getMessage(), e);
            }
        }

        @Override
        public List<Entry> read(long after, Collection<Long> positions, int limit) {
            try (Connection c = dataSource.getConnection()) {
                return events.feed(c, after, positions, limit);
            } catch (SQLException e) {
                throw new StoreUnavailableException("cannot read the log: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
