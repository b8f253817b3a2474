package io.tokenhook.store;

import java.sql.SQLException;

/** What differs between the databases we run on. */
enum SqlDialect {
    SQLITE("sqlite"),
    POSTGRES("postgres");

    private final String folder;

    SqlDialect(String folder) {
        this.folder = folder;
    }

    String folder() {
        return folder;
    }

    /** True when {@code e} reports a unique or primary key violation. */
    boolean isUniqueViolation(SQLException e) {
        if ("23505".equals(e.getSQLState())) return true;
        String message = String.valueOf(e.getMessage());
        return message.contains("UNIQUE constraint failed") || message.contains("PRIMARYKEY");
    }
}
