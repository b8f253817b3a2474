package io.tokenhook.store;

import io.tokenhook.support.TestDatabase;
import io.tokenhook.tenant.Hook;
import io.tokenhook.tenant.SigningKey;
import io.tokenhook.token.KeyGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening a store checks the master key first: a missing, wrong, exposed or malformed key is refused with what to do. */
class MasterKeyUnlockTest {
    private TestDatabase db;
    private Path keyFile;

    @BeforeEach
    void sealedStore() throws Exception {
        db = TestDatabase.create(Files.createTempDirectory("tokenhook-unlock"));
        keyFile = db.dataDir().resolve("master.key");
        var now = Instant.now();
        try (var store = db.openStore()) {
            store.write(tx -> {
                tx.insertHook(hook("h1", "first-secret-value-1111"));
                tx.insertHook(hook("h2", "second-secret-value-2222"));
                tx.insertSigningKey(KeyGenerator.generate("ES256", now));
                tx.insertSigningKey(KeyGenerator.generate("ES256", now));
                return null;
            });
        }
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private static Hook hook(String id, String secret) {
        var now = Instant.now();
        return new Hook(id, "hook " + id, "module.exports = () => {};", Hook.CREDENTIALS_EXCHANGE, false, Map.of(),
                Map.of("TOKEN", secret), now, now);
    }

    @Test
    void firstOpenWhenNoKeyThenCreatesAnOwnerOnlyKeyFile() throws Exception {
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String text = Files.readString(keyFile);
        assertThat(text).endsWith("\n");
        assertThat(java.util.Base64.getDecoder().decode(text.strip())).hasSize(32);
        try (var store = db.openStore()) {
            assertThat(store.masterKeyId()).isEqualTo(MasterKey.fromBase64(text, "master.key").id());
            assertThat(store.read(tx -> tx.hook("h1")).orElseThrow().secrets()).containsEntry("TOKEN", "first-secret-value-1111");
        }
    }

    @Test
    void openWhenKeyFileIsMissingThenRefusedNamingTheStoresKeyAndWhatToDo() throws Exception {
        String id = MasterKey.fromBase64(Files.readString(keyFile), "master.key").id();
        Files.delete(keyFile);
        assertThatThrownBy(db::openStore).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("sealed under master key " + id + ", and there is no key")
                .hasMessageContaining("set TOKENHOOK_MASTER_KEY").hasMessageContaining("copy the master.key");
        assertThat(keyFile).doesNotExist();   // no new key made up for a store that has one
    }

    @Test
    void openWhenEnvironmentHoldsAnotherKeyThenRefusedNamingBothIds() {
        var other = MasterKey.generate();
        assertThatThrownBy(() -> db.openStore(Map.of(MasterKeySource.ENV, other.toBase64())))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("wrong master key: the store's secrets are sealed under key ")
                .hasMessageContaining("TOKENHOOK_MASTER_KEY holds key " + other.id())
                .hasMessageNotContaining(other.toBase64());
    }

    @Test
    void openWhenKeyFileIsOpenToOtherAccountsThenRefused() throws Exception {
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(db::openStore).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("master.key is open to other accounts (mode rw-r-----)")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void openWhenKeyIsNotThirtyTwoBytesOfBase64ThenRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> db.openStore(Map.of(MasterKeySource.ENV, "c2hvcnQta2V5LTEy")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENHOOK_MASTER_KEY holds 12 bytes; a master key is 32 random bytes in base64 (openssl rand -base64 32)");
        assertThatThrownBy(() -> db.openStore(Map.of(MasterKeySource.ENV, "not base64!")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENHOOK_MASTER_KEY is not base64: it must hold 32 random bytes in base64 (openssl rand -base64 32)");
    }

    @Test
    void readWhenSealedValuesAreSwappedBetweenRowsThenRefusedNamingTheRow() throws Exception {
        swap("hook_secrets", "value", "hook_id", "h1", "h2");
        try (var store = db.openStore()) {
            assertThatThrownBy(() -> store.read(tx -> tx.hook("h1"))).isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("cannot decrypt hook_secrets.value of h1/TOKEN: the value does not authenticate: it was altered, or moved from another row");
            swap("hook_secrets", "value", "hook_id", "h1", "h2");   // back in their rows, they open again
            assertThat(store.read(tx -> tx.hook("h1")).orElseThrow().secrets()).containsEntry("TOKEN", "first-secret-value-1111");
            var kids = store.read(StoreTx::signingKeys).stream().map(SigningKey::kid).toList();
            swap("signing_keys", "private_jwk", "kid", kids.get(0), kids.get(1));
            assertThatThrownBy(store::loadSnapshot).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("cannot decrypt signing_keys.private_jwk of ");
        }
    }

    @Test
    void openWhenRotationStoppedBeforeItsKeyFileWasInPlaceThenFinishesIt() throws Exception {
        String before = Files.readString(keyFile);
        var next = MasterKey.generate();
        try (var store = db.openStore()) {
            store.rotateMasterKey(MasterKeySource.of(Map.of(), db.dataDir()), next);
        }
        // the state a crash between the commit and the rename leaves: old key in place, new one staged
        Files.writeString(keyFile, before);
        new MasterKeyFile(db.dataDir()).stage(next);
        try (var store = db.openStore()) {
            assertThat(store.masterKeyId()).isEqualTo(next.id());
            assertThat(store.read(tx -> tx.hook("h2")).orElseThrow().secrets()).containsEntry("TOKEN", "second-secret-value-2222");
        }
        assertThat(MasterKey.fromBase64(Files.readString(keyFile), "master.key").id()).isEqualTo(next.id());
        assertThat(db.dataDir().resolve("master.key.next")).doesNotExist();
    }

    private void swap(String table, String column, String keyColumn, String a, String b) throws Exception {
        try (var c = db.connect()) {
            String va = value(c, table, column, keyColumn, a), vb = value(c, table, column, keyColumn, b);
            for (var row : new String[][] {{a, vb}, {b, va}}) {
                try (var ps = c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + keyColumn + " = ?")) {
                    ps.setString(1, row[1]);
                    ps.setString(2, row[0]);
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
            }
        }
    }

    private static String value(java.sql.Connection c, String table, String column, String keyColumn, String key) throws Exception {
        try (var ps = c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE " + keyColumn + " = ?")) {
            ps.setString(1, key);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
