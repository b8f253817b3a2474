package io.tokenhook.store;

import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.management.Ids;
import io.tokenhook.oauth.ClientAuthenticator;
import io.tokenhook.support.SealedSecrets;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.support.TestServer;
import io.tokenhook.tenant.SigningKey;
import io.tokenhook.token.KeyGenerator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written by the release before secrets were sealed (schema 5: hook secrets, private keys and HS256 secrets
 * in clear) opens with every secret working, and sealed: the first start seals them, and no copy stays in the file.
 */
class SecretsUpgradeTest {

    @Test
    void clearSecretsOfTheEarlierReleaseAreSealedAtFirstStartAndKeepWorking() throws Exception {
        var db = TestDatabase.create(Files.createTempDirectory("tokenhook-upgrade"));
        db.migrateBelow(6);

        var secrets = new SealedSecrets(Ids.clientId(), Ids.clientSecret(), KeyGenerator.hmacSecret(), "hook-secret-" + UUID.randomUUID());
        SigningKey key = KeyGenerator.generate("RS256", Instant.now()).withCurrentSince(Instant.now().minusSeconds(60));
        writeAsTheEarlierReleaseDid(db, secrets, key);
        assertThat(db.dump()).contains(secrets.hookSecret(), secrets.signingSecret());   // the starting point: in clear

        try (var server = TestServer.startOn(db)) {
            assertThat(SignedJWT.parse(server.adminToken()).getHeader().getKeyID()).isEqualTo(key.kid());
            secrets.assertExchangeWorks(server);
            secrets.traces().privateJwk("RS256 key", key.privateJwk()).assertNoneIn(db.dump());
        }
    }

    /** The rows as the release before V6 wrote them: the same columns, every secret in clear. */
    private static void writeAsTheEarlierReleaseDid(TestDatabase db, SealedSecrets secrets, SigningKey key) throws Exception {
        long now = System.currentTimeMillis();
        String hookId = Ids.hookId();
        try (var c = db.connect()) {
            insert(c, "INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk, created_at, current_since) VALUES (?,?,?,?,?,?)",
                    key.kid(), key.alg(), key.publicJwk(), key.privateJwk(), now, key.currentSince().toEpochMilli());
            insert(c, "INSERT INTO resource_servers (id, identifier, name, scopes, signing_alg, signing_secret, token_lifetime, "
                    + "is_system, extra, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", Ids.resourceServerId(),
                    SealedSecrets.AUDIENCE, "sealed", "[{\"value\":\"read\"}]", "HS256", secrets.signingSecret(), 3600, 0, "{}", now, now);
            insert(c, "INSERT INTO clients (client_id, name, description, app_type, grant_types, token_endpoint_auth_method, "
                    + "client_metadata, is_first_party, secret_hash, is_system, extra, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    secrets.clientId(), "upgraded", null, "non_interactive", "[\"client_credentials\"]", "client_secret_post", "{}", 1,
                    HexFormat.of().formatHex(ClientAuthenticator.hash(secrets.clientSecret())), 0, "{}", now, now);
            insert(c, "INSERT INTO client_grants (id, client_id, audience, scope, created_at, updated_at) VALUES (?,?,?,?,?,?)",
                    Ids.clientGrantId(), secrets.clientId(), SealedSecrets.AUDIENCE, "[\"read\"]", now, now);
            insert(c, "INSERT INTO hooks (id, name, script, trigger_id, enabled, dependencies, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                    hookId, "upgraded", SealedSecrets.HOOK, "credentials-exchange", 1, "{}", now, now);
            insert(c, "INSERT INTO hook_secrets (hook_id, name, value) VALUES (?,?,?)", hookId, "API_TOKEN", secrets.hookSecret());
        }
    }

    private static void insert(java.sql.Connection c, String sql, Object... args) throws Exception {
        try (var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        }
    }
}
