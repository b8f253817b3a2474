package io.tokenhook.store;

import io.tokenhook.tenant.Client;
import io.tokenhook.tenant.ClientGrant;
import io.tokenhook.tenant.Hook;
import io.tokenhook.tenant.ResourceServer;
import io.tokenhook.tenant.SigningKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link StoreTx} on one JDBC connection whose transaction the caller owns. */
final class JdbcStoreTx implements StoreTx {
    private static final HexFormat HEX = HexFormat.of();
    private final Connection connection;
    private final SqlDialect dialect;
    /** Seals and opens the {@link SecretColumn}s. */
    private final MasterKey key;

    JdbcStoreTx(Connection connection, SqlDialect dialect, MasterKey key) {
        this.connection = connection;
        this.dialect = dialect;
        this.key = key;
    }

    long configVersion() {
        return queryOne("SELECT value FROM meta WHERE name = 'config_version'", rs -> Long.parseLong(rs.getString(1)))
                .orElse(0L);
    }

    void bumpConfigVersion() {
        update("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR(32)) WHERE name = 'config_version'");
        if (dialect == SqlDialect.POSTGRES) {
            // delivered to every listening node when this transaction commits
            queryList("SELECT pg_notify('" + PgChangeFeed.CHANNEL + "', '')", rs -> null);
        }
    }

    // ---- the master key's id: '' while the values are still in clear text (written before V6)

    String masterKeyId() {
        return queryOne("SELECT value FROM meta WHERE name = '" + SecretsAtRest.META_KEY_ID + "'", rs -> rs.getString(1))
                .orElseThrow(() -> new StoreUnavailableException("the database has no master key id: it was not migrated", null));
    }

    void setMasterKeyId(String id) {
        update("UPDATE meta SET value = ? WHERE name = '" + SecretsAtRest.META_KEY_ID + "'", id);
    }

    /** Refuses to go on when the store's secrets are sealed under another key than this node's: it was rotated. */
    void checkMasterKey() {
        String stored = masterKeyId();
        if (!stored.equals(key.id())) {
            throw new StoreUnavailableException("the master key was rotated: the store's secrets are sealed under key "
                    + stored + ", and this node has key " + key.id() + "; restart it with the new key", null);
        }
    }

    /** How {@link #rewrite} turns one stored value into the next. */
    @FunctionalInterface
    interface Rewrite {
        String apply(String stored, String... row);
    }

    /** Rewrites every non-null value of {@code column}; returns how many. */
    int rewrite(SecretColumn column, Rewrite rewrite) {
        var rowKey = String.join(", ", column.rowKey);
        var where = String.join(" AND ", column.rowKey.stream().map(k -> k + " = ?").toList());
        record Row(String[] key, String value) {}
        var rows = queryList("SELECT " + rowKey + ", " + column.column + " FROM " + column.table + " WHERE "
                + column.column + " IS NOT NULL", rs -> {
            var k = new String[column.rowKey.size()];
            for (int i = 0; i < k.length; i++) k[i] = rs.getString(i + 1);
            return new Row(k, rs.getString(k.length + 1));
        });
        for (var row : rows) {
            var args = new Object[row.key().length + 1];
            args[0] = rewrite.apply(row.value(), row.key());
            System.arraycopy(row.key(), 0, args, 1, row.key().length);
            update("UPDATE " + column.table + " SET " + column.column + " = ? WHERE " + where, args);
        }
        return rows.size();
    }

    // ---- clients

    private static final String CLIENT_COLUMNS = "client_id, name, description, app_type, grant_types, "
            + "token_endpoint_auth_method, client_metadata, is_first_party, secret_hash, is_system, extra, created_at, updated_at";

    @Override
    public List<Client> clients() {
        return queryList("SELECT " + CLIENT_COLUMNS + " FROM clients ORDER BY created_at, client_id", JdbcStoreTx::client);
    }

    @Override
    public Optional<Client> client(String clientId) {
        return queryOne("SELECT " + CLIENT_COLUMNS + " FROM clients WHERE client_id = ?", JdbcStoreTx::client, clientId);
    }

    @Override
    public void insertClient(Client c) {
        insert("INSERT INTO clients (" + CLIENT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", "client",
                c.clientId(), c.name(), c.description(), c.appType(), JsonColumns.write(c.grantTypes()),
                c.tokenEndpointAuthMethod(), JsonColumns.write(c.clientMetadata()), c.firstParty() ? 1 : 0,
                HEX.formatHex(c.secretHash()), c.system() ? 1 : 0, JsonColumns.write(c.extra()),
                c.createdAt().toEpochMilli(), c.updatedAt().toEpochMilli());
    }

    @Override
    public boolean updateClient(Client c) {
        return update("UPDATE clients SET name = ?, description = ?, app_type = ?, grant_types = ?, "
                        + "token_endpoint_auth_method = ?, client_metadata = ?, is_first_party = ?, secret_hash = ?, "
                        + "is_system = ?, extra = ?, updated_at = ? WHERE client_id = ?",
                c.name(), c.description(), c.appType(), JsonColumns.write(c.grantTypes()), c.tokenEndpointAuthMethod(),
                JsonColumns.write(c.clientMetadata()), c.firstParty() ? 1 : 0, HEX.formatHex(c.secretHash()),
                c.system() ? 1 : 0, JsonColumns.write(c.extra()), c.updatedAt().toEpochMilli(), c.clientId()) > 0;
    }

    @Override
    public boolean deleteClient(String clientId) {
        return update("DELETE FROM clients WHERE client_id = ?", clientId) > 0;
    }

    private static Client client(ResultSet rs) throws SQLException {
        return new Client(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                JsonColumns.strings(rs.getString(5)), rs.getString(6), JsonColumns.stringMap(rs.getString(7)),
                rs.getInt(8) != 0, HEX.parseHex(rs.getString(9)), rs.getInt(10) != 0,
                JsonColumns.objectMap(rs.getString(11)), Instant.ofEpochMilli(rs.getLong(12)),
                Instant.ofEpochMilli(rs.getLong(13)));
    }

    // ---- resource servers

    private static final String API_COLUMNS = "id, identifier, name, scopes, signing_alg, signing_secret, "
            + "token_lifetime, is_system, extra, created_at, updated_at";

    @Override
    public List<ResourceServer> resourceServers() {
        return queryList("SELECT " + API_COLUMNS + " FROM resource_servers ORDER BY created_at, id", this::api);
    }

    @Override
    public Optional<ResourceServer> resourceServer(String id) {
        return queryOne("SELECT " + API_COLUMNS + " FROM resource_servers WHERE id = ?", this::api, id);
    }

    @Override
    public Optional<ResourceServer> resourceServerByIdentifier(String identifier) {
        return queryOne("SELECT " + API_COLUMNS + " FROM resource_servers WHERE identifier = ?", this::api, identifier);
    }

    @Override
    public void insertResourceServer(ResourceServer a) {
        insert("INSERT INTO resource_servers (" + API_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)", "resource server",
                a.id(), a.identifier(), a.name(), JsonColumns.write(scopeMaps(a.scopes())), a.signingAlg(),
                SecretColumn.API_SIGNING_SECRET.seal(key, a.signingSecret(), a.id()), a.tokenLifetime(), a.system() ? 1 : 0, JsonColumns.write(a.extra()),
                a.createdAt().toEpochMilli(), a.updatedAt().toEpochMilli());
    }

    @Override
    public boolean updateResourceServer(ResourceServer a) {
        return update("UPDATE resource_servers SET name = ?, scopes = ?, signing_alg = ?, signing_secret = ?, "
                        + "token_lifetime = ?, extra = ?, updated_at = ? WHERE id = ?",
                a.name(), JsonColumns.write(scopeMaps(a.scopes())), a.signingAlg(),
                SecretColumn.API_SIGNING_SECRET.seal(key, a.signingSecret(), a.id()), a.tokenLifetime(),
                JsonColumns.write(a.extra()), a.updatedAt().toEpochMilli(), a.id()) > 0;
    }

    @Override
    public boolean deleteResourceServer(String id) {
        return update("DELETE FROM resource_servers WHERE id = ?", id) > 0;
    }

    private static List<Map<String, String>> scopeMaps(List<ResourceServer.Scope> scopes) {
        var out = new ArrayList<Map<String, String>>();
        for (var s : scopes) {
            var m = new LinkedHashMap<String, String>();
            m.put("value", s.value());
            if (s.description() != null) m.put("description", s.description());
            out.add(m);
        }
        return out;
    }

    private ResourceServer api(ResultSet rs) throws SQLException {
        var scopes = JsonColumns.mapList(rs.getString(4)).stream()
                .map(m -> new ResourceServer.Scope(m.get("value"), m.get("description"))).toList();
        String id = rs.getString(1);
        return new ResourceServer(id, rs.getString(2), rs.getString(3), scopes, rs.getString(5),
                SecretColumn.API_SIGNING_SECRET.open(key, rs.getString(6), id), rs.getInt(7), rs.getInt(8) != 0, JsonColumns.objectMap(rs.getString(9)),
                Instant.ofEpochMilli(rs.getLong(10)), Instant.ofEpochMilli(rs.getLong(11)));
    }

    // ---- client grants

    private static final String GRANT_COLUMNS = "id, client_id, audience, scope, created_at, updated_at";

    @Override
    public List<ClientGrant> clientGrants() {
        return queryList("SELECT " + GRANT_COLUMNS + " FROM client_grants ORDER BY created_at, id", JdbcStoreTx::grant);
    }

    @Override
    public Optional<ClientGrant> clientGrant(String id) {
        return queryOne("SELECT " + GRANT_COLUMNS + " FROM client_grants WHERE id = ?", JdbcStoreTx::grant, id);
    }

    @Override
    public void insertClientGrant(ClientGrant g) {
        insert("INSERT INTO client_grants (" + GRANT_COLUMNS + ") VALUES (?,?,?,?,?,?)", "client grant",
                g.id(), g.clientId(), g.audience(), JsonColumns.write(g.scope()),
                g.createdAt().toEpochMilli(), g.updatedAt().toEpochMilli());
    }

    @Override
    public boolean updateClientGrant(ClientGrant g) {
        return update("UPDATE client_grants SET scope = ?, updated_at = ? WHERE id = ?",
                JsonColumns.write(g.scope()), g.updatedAt().toEpochMilli(), g.id()) > 0;
    }

    @Override
    public boolean deleteClientGrant(String id) {
        return update("DELETE FROM client_grants WHERE id = ?", id) > 0;
    }

    @Override
    public int deleteClientGrantsOfClient(String clientId) {
        return update("DELETE FROM client_grants WHERE client_id = ?", clientId);
    }

    @Override
    public int deleteClientGrantsOfAudience(String audience) {
        return update("DELETE FROM client_grants WHERE audience = ?", audience);
    }

    private static ClientGrant grant(ResultSet rs) throws SQLException {
        return new ClientGrant(rs.getString(1), rs.getString(2), rs.getString(3), JsonColumns.strings(rs.getString(4)),
                Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)));
    }

    // ---- hooks

    private static final String HOOK_COLUMNS = "id, name, script, trigger_id, enabled, dependencies, created_at, updated_at";

    @Override
    public List<Hook> hooks() {
        var secrets = new HashMap<String, Map<String, String>>();
        queryList("SELECT hook_id, name, value FROM hook_secrets ORDER BY hook_id, name", rs -> {
            String hookId = rs.getString(1), name = rs.getString(2);
            secrets.computeIfAbsent(hookId, k -> new LinkedHashMap<>())
                    .put(name, SecretColumn.HOOK_SECRET.open(key, rs.getString(3), hookId, name));
            return null;
        });
        return queryList("SELECT " + HOOK_COLUMNS + " FROM hooks ORDER BY created_at, id",
                rs -> hook(rs, secrets.getOrDefault(rs.getString(1), Map.of())));
    }

    @Override
    public Optional<Hook> hook(String id) {
        var secrets = new LinkedHashMap<String, String>();
        queryList("SELECT name, value FROM hook_secrets WHERE hook_id = ? ORDER BY name", rs -> {
            String name = rs.getString(1);
            secrets.put(name, SecretColumn.HOOK_SECRET.open(key, rs.getString(2), id, name));
            return null;
        }, id);
        return queryOne("SELECT " + HOOK_COLUMNS + " FROM hooks WHERE id = ?", rs -> hook(rs, secrets), id);
    }

    @Override
    public void insertHook(Hook h) {
        insert("INSERT INTO hooks (" + HOOK_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)", "hook",
                h.id(), h.name(), h.script(), h.triggerId(), h.enabled() ? 1 : 0, JsonColumns.write(h.dependencies()),
                h.createdAt().toEpochMilli(), h.updatedAt().toEpochMilli());
        insertSecrets(h);
    }

    @Override
    public boolean updateHook(Hook h) {
        boolean found = update("UPDATE hooks SET name = ?, script = ?, enabled = ?, dependencies = ?, updated_at = ? WHERE id = ?",
                h.name(), h.script(), h.enabled() ? 1 : 0, JsonColumns.write(h.dependencies()),
                h.updatedAt().toEpochMilli(), h.id()) > 0;
        if (found) {
            update("DELETE FROM hook_secrets WHERE hook_id = ?", h.id());
            insertSecrets(h);
        }
        return found;
    }

    private void insertSecrets(Hook h) {
        for (var e : h.secrets().entrySet()) {
            insert("INSERT INTO hook_secrets (hook_id, name, value) VALUES (?,?,?)", "hook secret", h.id(), e.getKey(),
                    SecretColumn.HOOK_SECRET.seal(key, e.getValue(), h.id(), e.getKey()));
        }
    }

    @Override
    public boolean deleteHook(String id) {
        update("DELETE FROM hook_secrets WHERE hook_id = ?", id);
        return update("DELETE FROM hooks WHERE id = ?", id) > 0;
    }

    private static Hook hook(ResultSet rs, Map<String, String> secrets) throws SQLException {
        return new Hook(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) != 0,
                JsonColumns.stringMap(rs.getString(6)), secrets, Instant.ofEpochMilli(rs.getLong(7)),
                Instant.ofEpochMilli(rs.getLong(8)));
    }

    // ---- signing keys

    private static final String KEY_COLUMNS = "kid, alg, public_jwk, private_jwk, created_at, current_since, "
            + "current_until, published_until, revoked_at";

    @Override
    public List<SigningKey> signingKeys() {
        return queryList("SELECT " + KEY_COLUMNS + " FROM signing_keys ORDER BY created_at, kid", rs -> new SigningKey(
                rs.getString(1), rs.getString(2), rs.getString(3), SecretColumn.PRIVATE_KEY.open(key, rs.getString(4), rs.getString(1)),
                Instant.ofEpochMilli(rs.getLong(5)), instantOrNull(rs, 6), instantOrNull(rs, 7), instantOrNull(rs, 8),
                instantOrNull(rs, 9)));
    }

    @Override
    public void insertSigningKey(SigningKey k) {
        insert("INSERT INTO signing_keys (" + KEY_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)", "signing key",
                k.kid(), k.alg(), k.publicJwk(), SecretColumn.PRIVATE_KEY.seal(key, k.privateJwk(), k.kid()),
                k.createdAt().toEpochMilli(), millisOrNull(k.currentSince()), millisOrNull(k.currentUntil()),
                millisOrNull(k.publishedUntil()), millisOrNull(k.revokedAt()));
    }

    @Override
    public boolean updateSigningKey(SigningKey k) {
        return update("UPDATE signing_keys SET current_since = ?, current_until = ?, published_until = ?, revoked_at = ? "
                + "WHERE kid = ?", millisOrNull(k.currentSince()), millisOrNull(k.currentUntil()),
                millisOrNull(k.publishedUntil()), millisOrNull(k.revokedAt()), k.kid()) > 0;
    }

    private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millisOrNull(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    // ---- dashboard users

    @Override
    public Optional<DashboardUser> dashboardUser(String name) {
        return queryOne("SELECT name, password_hash, created_at, updated_at FROM dashboard_users WHERE name = ?",
                rs -> new DashboardUser(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4))), name);
    }

    @Override
    public boolean hasDashboardUsers() {
        return queryOne("SELECT COUNT(*) FROM dashboard_users", rs -> rs.getLong(1)).orElse(0L) > 0;
    }

    @Override
    public void insertDashboardUser(DashboardUser u) {
        insert("INSERT INTO dashboard_users (name, password_hash, created_at, updated_at) VALUES (?,?,?,?)",
                "dashboard user", u.name(), u.passwordHash(), u.createdAt().toEpochMilli(), u.updatedAt().toEpochMilli());
    }

    // ---- JDBC plumbing

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> queryList(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            var out = new ArrayList<T>();
            while (rs.next()) out.add(mapper.map(rs));
            return out;
        } catch (SQLException e) {
            throw new StoreUnavailableException("query failed: " + e.getMessage(), e);
        }
    }

    private <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        var rows = queryList(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private int update(String sql, Object... args) {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("update failed: " + e.getMessage(), e);
        }
    }

    private void insert(String sql, String what, Object... args) {
        try (PreparedStatement ps = prepare(sql, args)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            if (dialect.isUniqueViolation(e)) throw new ConflictException(what + " already exists");
            throw new StoreUnavailableException("insert failed: " + e.getMessage(), e);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        var ps = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        return ps;
    }
}
