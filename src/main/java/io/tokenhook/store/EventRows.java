package io.tokenhook.store;

import io.tokenhook.tenant.LogEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL for the log_events table. */
final class EventRows {
    private static final String COLUMNS = "log_id, event_date, type, description, client_id, client_name, audience, "
            + "scope, ip, user_agent, hook_id, details";

    EventRows(SqlDialect dialect) {
        // both dialects accept the same SQL here; kept for symmetry with JdbcStoreTx
    }

    void insert(Connection c, List<LogEvent> batch) throws SQLException {
        // idempotent: a batch whose commit reached the database but whose answer was lost is simply written again
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO log_events (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (log_id) DO NOTHING")) {
            for (LogEvent e : batch) {
                ps.setString(1, e.logId());
                ps.setLong(2, e.date().toEpochMilli());
                ps.setString(3, fit(e.type(), 32));
                ps.setString(4, fit(e.description(), TEXT));
                ps.setString(5, fit(e.clientId(), 64));
                ps.setString(6, fit(e.clientName(), TEXT));
                ps.setString(7, fit(e.audience(), TEXT));
                ps.setString(8, fit(e.scope(), TEXT));
                ps.setString(9, fit(e.ip(), 64));
                ps.setString(10, fit(e.userAgent(), TEXT));
                ps.setString(11, fit(e.hookId(), 64));
                ps.setString(12, JsonColumns.write(e.details()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * A value as its column can hold it: at most {@code width} characters (VARCHAR), NUL replaced (PostgreSQL refuses
     * it in text). Events carry what clients sent, such as a made-up client id, and one value the database refuses
     * would fail its whole batch.
     */
    static String fit(String value, int width) {
        if (value == null) return null;
        String clean = value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
        return clean.length() <= width ? clean : clean.substring(0, width);
    }

    private static final int TEXT = Integer.MAX_VALUE;

    List<LogEvent> query(Connection c, EventQuery q) throws SQLException {
        var where = new Where(q);
        String sql = "SELECT " + COLUMNS + " FROM log_events" + where.sql + " ORDER BY log_id "
                + (q.ascending() ? "ASC" : "DESC") + " LIMIT ? OFFSET ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = where.bind(ps);
            ps.setInt(i++, q.limit());
            ps.setInt(i, q.offset());
            try (ResultSet rs = ps.executeQuery()) {
                var out = new ArrayList<LogEvent>();
                while (rs.next()) out.add(event(rs));
                return out;
            }
        }
    }

    long count(Connection c, EventQuery q) throws SQLException {
        var where = new Where(q);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM log_events" + where.sql)) {
            where.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    Optional<LogEvent> find(Connection c, String logId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM log_events WHERE log_id = ?")) {
            ps.setString(1, logId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(event(rs)) : Optional.empty();
            }
        }
    }

    /** PostgreSQL only: the highest committed position (see {@link LogFeed}). */
    long head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(position), 0) FROM log_events");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** PostgreSQL only: the rows at {@code positions} plus up to {@code limit} rows after {@code after}, by position. */
    List<LogFeed.Entry> feed(Connection c, long after, Collection<Long> positions, int limit) throws SQLException {
        // two index lookups joined, rather than one OR the planner might answer with a scan of the whole index
        String next = "SELECT " + COLUMNS + ", position FROM log_events WHERE position > ? ORDER BY position LIMIT ?";
        String sql = positions.isEmpty() ? next
                : "SELECT " + COLUMNS + ", position FROM log_events WHERE position = ANY(?) UNION ALL (" + next + ") ORDER BY 13";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (!positions.isEmpty()) ps.setArray(i++, c.createArrayOf("bigint", positions.toArray()));
            ps.setLong(i++, after);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                var out = new ArrayList<LogFeed.Entry>();
                while (rs.next()) out.add(new LogFeed.Entry(rs.getLong(13), event(rs)));
                return out;
            }
        }
    }

    int purgeBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM log_events WHERE event_date < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            return ps.executeUpdate();
        }
    }

    private static LogEvent event(ResultSet rs) throws SQLException {
        return new LogEvent(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), JsonColumns.objectMap(rs.getString(12)));
    }

    /** The WHERE clause of a query and its parameters, in order. */
    private static final class Where {
        final String sql;
        final List<Object> args = new ArrayList<>();

        Where(EventQuery q) {
            var parts = new ArrayList<String>();
            if (!q.types().isEmpty()) {
                parts.add("type IN (" + String.join(",", q.types().stream().map(t -> "?").toList()) + ")");
                args.addAll(q.types().stream().sorted().toList());
            }
            add(parts, "client_id = ?", q.clientId());
            add(parts, "audience = ?", q.audience());
            add(parts, "hook_id = ?", q.hookId());
            add(parts, "log_id > ?", q.logIdAfter());
            add(parts, "log_id >= ?", q.logIdFrom());
            add(parts, "log_id <= ?", q.logIdTo());
            add(parts, "log_id < ?", q.logIdBefore());
            sql = parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
        }

        private void add(List<String> parts, String clause, String value) {
            if (value != null) {
                parts.add(clause);
                args.add(value);
            }
        }

        int bind(PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object a : args) ps.setObject(i++, a);
            return i;
        }
    }
}
