package io.tokenhook.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.support.TestServer;
import io.tokenhook.token.KeyGenerator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A store written before key times existed (schema 2, one state column) opens with every key's state kept. */
class SigningKeyMigrationTest {

    @Test
    void keysOfTheStateColumnKeepTheirStates() throws Exception {
        var db = TestDatabase.create(Files.createTempDirectory("tokenhook-migrate"));
        db.migrateBelow(3);
        long created = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(), changed = Instant.parse("2026-02-01T00:00:00Z").toEpochMilli();
        var kids = new HashMap<String, String>();
        try (var c = db.connect();
             var insert = c.prepareStatement("INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk, state, created_at, "
                     + "updated_at) VALUES (?,?,?,?,?,?,?)")) {
            for (String state : new String[] {"CURRENT", "PREVIOUS", "REVOKED", "NEXT"}) {
                var key = KeyGenerator.generate("ES256", Instant.now());
                kids.put(state, key.kid());
                insert.setString(1, key.kid());
                insert.setString(2, "ES256");
                insert.setString(3, key.publicJwk());
                insert.setString(4, key.privateJwk());
                insert.setString(5, state);
                insert.setLong(6, created);
                insert.setLong(7, changed);
                insert.executeUpdate();
            }
        }
        try (var server = TestServer.startOn(db)) {
            JsonNode current = server.apiOk("GET", "/keys/signing/" + kids.get("CURRENT"), null, 200);
            assertThat(current.path("current").asBoolean()).isTrue();
            assertThat(current.path("current_since").asText()).isEqualTo("2026-01-01T00:00:00Z");
            JsonNode previous = server.apiOk("GET", "/keys/signing/" + kids.get("PREVIOUS"), null, 200);
            assertThat(previous.path("previous").asBoolean()).isTrue();
            assertThat(previous.path("published").asBoolean()).isTrue();
            assertThat(previous.path("current_until").asText()).isEqualTo("2026-02-01T00:00:00Z");
            JsonNode revoked = server.apiOk("GET", "/keys/signing/" + kids.get("REVOKED"), null, 200);
            assertThat(revoked.path("revoked").asBoolean()).isTrue();
            assertThat(revoked.path("revoked_at").asText()).isEqualTo("2026-02-01T00:00:00Z");
            assertThat(server.apiOk("GET", "/keys/signing/" + kids.get("NEXT"), null, 200).path("next").asBoolean()).isTrue();
            String jwks = server.get("/.well-known/jwks.json").text();
            assertThat(jwks).contains(kids.get("CURRENT"), kids.get("PREVIOUS"), kids.get("NEXT")).doesNotContain(kids.get("REVOKED"));
        }
    }
}
