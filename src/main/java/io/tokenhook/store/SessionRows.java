package io.tokenhook.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** SQL for the dashboard_sessions table; each call is one statement in autocommit, outside configuration writes. */
final class SessionRows {
    private static final String COLUMNS = "id_hash, user_name, csrf_token, created_at, last_seen, expires_at";

    private SessionRows() {
    }

    static void insert(Connection c, DashboardSession s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dashboard_sessions (" + COLUMNS + ") VALUES (?,?,?,?,?,?)")) {
            ps.setString(1, s.idHash());
            ps.setString(2, s.user());
            ps.setString(3, s.csrfToken());
            ps.setLong(4, s.createdAt().toEpochMilli());
            ps.setLong(5, s.lastSeen().toEpochMilli());
            ps.setLong(6, s.expiresAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    static Optional<DashboardSession> find(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dashboard_sessions WHERE id_hash = ?")) {
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new DashboardSession(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6))));
            }
        }
    }

    /** Moves a session that has not expired by {@code now}: an expired one is never brought back. */
    static boolean touch(Connection c, String idHash, Instant now, Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE dashboard_sessions SET last_seen = ?, expires_at = ? WHERE id_hash = ? AND expires_at > ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, expiresAt.toEpochMilli());
            ps.setString(3, idHash);
            ps.setLong(4, now.toEpochMilli());
            return ps.executeUpdate() > 0;
        }
    }

    static boolean delete(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dashboard_sessions WHERE id_hash = ?")) {
            ps.setString(1, idHash);
            return ps.executeUpdate() > 0;
        }
    }

    static int purgeExpired(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dashboard_sessions WHERE expires_at <= ?")) {
            ps.setLong(1, now.toEpochMilli());
            return ps.executeUpdate();
        }
    }
}
