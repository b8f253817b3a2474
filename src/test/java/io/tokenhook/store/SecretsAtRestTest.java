package io.tokenhook.store;

import io.tokenhook.support.SealedSecrets;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy of the database holds no client secret, hook secret, HS256 signing secret or private key in any form a
 * thief could recognize, while the server still uses every one of them.
 */
class SecretsAtRestTest {

    @Test
    void databaseCopyHoldsNoSecretInAnyRecognizableForm() throws Exception {
        try (var server = TestServer.start()) {
            var secrets = SealedSecrets.createOn(server);
            server.createApiSigned("https://api.example.com/es", "ES256", "read");
            server.createApiSigned("https://api.example.com/ed", "EdDSA", "read");

            server.restart();   // what follows comes from the store, not from what the writes left in memory
            secrets.assertExchangeWorks(server);

            var traces = secrets.traces().text("admin client secret", TestServer.ADMIN_SECRET);
            try (var store = server.database().openStore()) {
                for (var key : store.read(StoreTx::signingKeys)) traces.privateJwk(key.alg() + " key " + key.kid(), key.privateJwk());
                assertThat(traces.labels()).hasSize(4 + 6 * 2 + 2 + 2);   // RS256 with six private members, ES256 and EdDSA with one
                String dump = server.database().dump();
                traces.assertNoneIn(dump);
                assertThat(dump).doesNotContain("\"d\":").doesNotContain("PRIVATE KEY")
                        .contains("v1:" + store.masterKeyId() + ":");   // the sealed values are there, under the key
            }
        }
    }
}
