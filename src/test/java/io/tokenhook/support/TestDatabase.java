package io.tokenhook.support;

import io.tokenhook.store.JdbcStore;
import io.tokenhook.store.MasterKeySource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/**
 * The database of one test: the SQLite file {@code tokenhook.db} in a data directory, or a fresh database
 * {@code tokenhook_test_<hex>} on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth), dropped on
 * {@link #close()}. Which one {@link #create} makes is the system property {@value #STORE_PROPERTY}
 * ({@code sqlite}, the default, or {@code postgres}): the build runs the suite once per store.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String STORE_PROPERTY = "tokenhook.test.store";
    public static final String PG_USER = "postgres";
    private static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final Path dataDir;
    /** The PostgreSQL database's name, or null on SQLite. */
    private final String pgName;

    private TestDatabase(Path dataDir, String pgName) {
        this.dataDir = dataDir;
        this.pgName = pgName;
    }

    /** True when this run's tests should use PostgreSQL ({@code -Dtokenhook.test.store=postgres}). */
    public static boolean onPostgres() {
        String store = System.getProperty(STORE_PROPERTY, "sqlite").trim();
        return switch (store) {
            case "", "sqlite" -> false;
            case "postgres", "postgresql" -> true;
            default -> throw new IllegalStateException(STORE_PROPERTY + " must be sqlite or postgres, not " + store);
        };
    }

    /** The store this run uses, for a server whose data directory is {@code dataDir}. */
    public static TestDatabase create(Path dataDir) {
        return onPostgres() ? createPostgres(dataDir) : new TestDatabase(dataDir, null);
    }

    /** A fresh PostgreSQL database whatever the run's store. */
    public static TestDatabase createPostgres(Path dataDir) {
        String name = "tokenhook_test_" + Long.toHexString(System.nanoTime()) + "_" + Integer.toHexString((int) ProcessHandle.current().pid());
        try (var c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, ""); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError("the local PostgreSQL (127.0.0.1:5432, user postgres) is needed: " + e.getMessage(), e);
        }
        return new TestDatabase(dataDir, name);
    }

    /** A fresh PostgreSQL database in a new temporary data directory. */
    public static TestDatabase createPostgres() {
        return createPostgres(tempDir("tokenhook-pg"));
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isPostgres() {
        return pgName != null;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** What {@code --db} gets: the PostgreSQL URL, or null for the embedded SQLite store in the data directory. */
    public String dbUrl() {
        return dbUrl(5432);
    }

    /** The same, with the server reaching PostgreSQL through {@code port} (a {@link TcpProxy} to cut it off). */
    public String dbUrl(int port) {
        return pgName == null ? null : "jdbc:postgresql://127.0.0.1:" + port + "/" + pgName;
    }

    /** The environment a server needs for this database (the PostgreSQL user). */
    public Map<String, String> env() {
        return pgName == null ? Map.of() : Map.of("TOKENHOOK_DB_USER", PG_USER);
    }

    /** A plain JDBC connection to the database, for tests that look behind the server's back. */
    public Connection connect() throws SQLException {
        return pgName == null
                ? DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("tokenhook.db"))
                : DriverManager.getConnection(dbUrl(), PG_USER, "");
    }

    /**
     * Migrates the schema as a Tokenhook release that ended before migration {@code version} left it: every migration
     * below it for this store (PostgreSQL's own included), so a test can write rows as that release did.
     */
    public void migrateBelow(int version) {
        var flyway = (pgName == null
                ? Flyway.configure().dataSource("jdbc:sqlite:" + dataDir.resolve("tokenhook.db"), null, null)
                : Flyway.configure().dataSource(dbUrl(), PG_USER, ""))
                .locations("classpath:db/migration/common", "classpath:db/migration/" + (pgName == null ? "sqlite" : "postgres"))
                .failOnMissingLocations(false);
        var below = Arrays.stream(flyway.load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(MigrationVersion.fromVersion(String.valueOf(version))) < 0)
                .max(Comparator.naturalOrder()).orElseThrow();
        flyway.target(below).load().migrate();
    }

    /** Opens (and migrates) the store directly, without a server, with the master key a server would use: {@code master.key}. */
    public JdbcStore openStore() {
        return openStore(Map.of());
    }

    /** The same, with the master key as {@code env} sets it ({@code TOKENHOOK_MASTER_KEY}). */
    public JdbcStore openStore(Map<String, String> env) {
        var masterKey = MasterKeySource.of(env, dataDir);
        return pgName == null ? JdbcStore.openSqlite(dataDir, masterKey) : JdbcStore.openPostgres(dbUrl(), PG_USER, null, masterKey);
    }

    /**
     * Everything the database holds, as text, to prove what is not stored in clear: the SQLite file and its
     * write-ahead log as raw bytes, or on PostgreSQL every row of every table.
     */
    public String contentsAsText() throws IOException, SQLException {
        if (pgName == null) {
            var wal = dataDir.resolve("tokenhook.db-wal");
            return new String(Files.readAllBytes(dataDir.resolve("tokenhook.db")), StandardCharsets.ISO_8859_1)
                    + (Files.exists(wal) ? new String(Files.readAllBytes(wal), StandardCharsets.ISO_8859_1) : "");
        }
        var out = new StringBuilder();
        try (var c = connect()) {
            var tables = new ArrayList<String>();
            try (var rs = c.createStatement().executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            for (String table : tables) {
                try (var rs = c.createStatement().executeQuery("SELECT CAST(t AS TEXT) FROM \"" + table + "\" t")) {
                    while (rs.next()) out.append(table).append(' ').append(rs.getString(1)).append('\n');
                }
            }
        }
        return out.toString();
    }

    /**
     * What a thief of the database takes away: the SQLite file and its write-ahead log as raw bytes, or the output of
     * {@code pg_dump} (every row of every table, as an operator's backup holds them). Without {@code pg_dump} on the
     * path, the rows as {@link #contentsAsText()} reads them.
     */
    public String dump() throws IOException, SQLException, InterruptedException {
        if (pgName == null) return contentsAsText();
        Process pgDump;
        try {
            pgDump = new ProcessBuilder("pg_dump", "--host=127.0.0.1", "--port=5432", "--username=" + PG_USER, "--no-password", pgName)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return contentsAsText();
        }
        String out = new String(pgDump.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (pgDump.waitFor() != 0) throw new AssertionError("pg_dump " + pgName + " failed with " + pgDump.exitValue());
        return out;
    }

    /** Drops the PostgreSQL database, closing whatever connections are still open to it; nothing on SQLite. */
    @Override
    public void close() {
        if (pgName == null) return;
        try (var c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, ""); var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
        } catch (SQLException e) {
            // a leftover test database is harmless; it only costs disk space
            System.err.println("could not drop test database " + pgName + ": " + e.getMessage());
        }
    }
}
