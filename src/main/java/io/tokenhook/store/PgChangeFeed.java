package io.tokenhook.store;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL's LISTEN/NOTIFY as the change feed between nodes: one connection listens on {@value #CHANNEL}
 * and calls back on every notification. A dropped connection is reopened after a pause; the periodic
 * version check covers what was missed meanwhile.
 */
final class PgChangeFeed implements AutoCloseable {
    static final String CHANNEL = "tokenhook_config";
    private static final Logger LOG = LoggerFactory.getLogger(PgChangeFeed.class);

    private final DataSource dataSource;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean closed;

    private PgChangeFeed(DataSource dataSource, Runnable onChange) {
        this.dataSource = dataSource;
        this.onChange = onChange;
        this.thread = Thread.ofPlatform().daemon().name("tokenhook-change-feed").unstarted(this::loop);
    }

    static PgChangeFeed start(DataSource dataSource, Runnable onChange) {
        var feed = new PgChangeFeed(dataSource, onChange);
        feed.thread.start();
        return feed;
    }

    private void loop() {
        while (!closed) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (var st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    var notifications = pg.getNotifications(1_000);
                    if (notifications != null && notifications.length > 0) onChange.run();
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) return;
                LOG.debug("change feed connection lost, reopening: {}", e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
