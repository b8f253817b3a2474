package io.tokenhook.app;

import io.tokenhook.store.MasterKey;
import io.tokenhook.store.MasterKeySource;
import io.tokenhook.store.StoreUnavailableException;
import io.tokenhook.support.SealedSecrets;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tokenhook rotate-master-key} on a running server's store: everything is re-sealed under the new key, the
 * node still holding the old key keeps issuing tokens and refuses writes, and after a restart with the new key
 * everything works while the old key opens nothing.
 */
class RotateMasterKeyTest {

    @Test
    void rotateWhenKeyIsInTheDataDirThenNewKeyFileAndOldKeyOpensNothing() throws Exception {
        try (var server = TestServer.start()) {
            var secrets = SealedSecrets.createOn(server);
            var keyFile = server.dataDir().resolve("master.key");
            String oldKey = Files.readString(keyFile).strip();

            var run = rotate(server, Map.of());
            assertThat(run.exitCode()).as(run.err()).isZero();
            String newKey = Files.readString(keyFile).strip();
            var oldId = MasterKey.fromBase64(oldKey, "old").id();
            var newId = MasterKey.fromBase64(newKey, "new").id();
            assertThat(run.out()).contains("Re-encrypted 3 secrets: master key " + oldId + " -> " + newId + " in " + keyFile)
                    .doesNotContain(newKey);
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(server.dataDir().resolve("master.key.next")).doesNotExist();

            // the node that still holds the old key: tokens from its last configuration, no writes
            secrets.assertExchangeWorks(server);
            assertThat(server.api("POST", "/clients", Map.of("name", "written with the old key")).status()).isEqualTo(503);

            server.restart();
            secrets.assertExchangeWorks(server);
            assertThat(server.apiOk("GET", "/clients", null, 200).toString()).doesNotContain("written with the old key");
            server.apiOk("POST", "/clients", Map.of("name", "written with the new key"), 201);
            assertThatThrownBy(() -> server.database().openStore(Map.of(MasterKeySource.ENV, oldKey)).close())
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("wrong master key: the store's secrets are sealed under key " + newId);
        }
    }

    @Test
    void rotateWhenKeyIsInTheEnvironmentThenNewKeyPrintedOrTakenAsGiven() throws Exception {
        var first = MasterKey.generate();
        try (var server = TestServer.start(TestDatabase.tempDir("tokenhook-envkey"), Map.of(MasterKeySource.ENV, first.toBase64()))) {
            var secrets = SealedSecrets.createOn(server);
            assertThat(server.dataDir().resolve("master.key")).doesNotExist();

            var printed = rotate(server, Map.of(MasterKeySource.ENV, first.toBase64()));
            assertThat(printed.exitCode()).as(printed.err()).isZero();
            var lines = printed.out().lines().toList();
            assertThat(lines.get(0)).startsWith("New master key ").endsWith("(set TOKENHOOK_MASTER_KEY to it on every node):");
            var second = MasterKey.fromBase64(lines.get(1), "printed");
            assertThat(lines.get(2)).contains(first.id() + " -> " + second.id()).contains("restart every node");

            var third = MasterKey.generate();
            var given = rotate(server, Map.of(MasterKeySource.ENV, second.toBase64(), RotateMasterKeyCommand.NEW_KEY_ENV, third.toBase64()));
            assertThat(given.exitCode()).as(given.err()).isZero();
            assertThat(given.out()).contains(second.id() + " -> " + third.id()).doesNotContain(third.toBase64());
            assertThat(server.dataDir().resolve("master.key")).doesNotExist();

            try (var store = server.database().openStore(Map.of(MasterKeySource.ENV, third.toBase64()))) {
                assertThat(store.read(tx -> tx.hooks()).get(0).secrets()).containsEntry("API_TOKEN", secrets.hookSecret());
            }
            var stale = rotate(server, Map.of(MasterKeySource.ENV, first.toBase64()));
            assertThat(stale.exitCode()).isEqualTo(1);
            assertThat(stale.err()).startsWith("tokenhook: wrong master key: the store's secrets are sealed under key " + third.id())
                    .doesNotContain("\tat ");
        }
    }

    private record Run(int exitCode, String out, String err) {}

    /** Runs {@code tokenhook rotate-master-key} in-process on the server's data directory and database. */
    private static Run rotate(TestServer server, Map<String, String> extraEnv) {
        var env = new HashMap<>(server.database().env());
        env.putAll(extraEnv);
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var args = new ArrayList<>(List.of("--data-dir", server.dataDir().toString()));
        if (server.dbUrl() != null) args.addAll(List.of("--db", server.dbUrl()));
        int code = new CommandLine(new RotateMasterKeyCommand(env, new PrintStream(out, true), new PrintStream(err, true)))
                .execute(args.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
