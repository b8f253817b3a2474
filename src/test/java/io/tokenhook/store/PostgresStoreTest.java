package io.tokenhook.store;

import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.SeedHook;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/** The same server on the local PostgreSQL instead of SQLite: same migrations, same behaviour, and a restart keeps it all. */
class PostgresStoreTest {

    @Test
    void seedFlowOnPostgresSurvivesRestart() throws Exception {
        try (var server = TestServer.startOnPostgres()) {
            var app = server.appWithGrant("https://api.example.com/pg", List.of("read:data"), List.of("read:data"));
            assertThat(server.api("POST", "/resource-servers", Map.of("identifier", "https://api.example.com/pg")).status()).isEqualTo(409);
            assertThat(server.api("POST", "/client-grants", Map.of("client_id", app.clientId(), "audience",
                    "https://api.example.com/pg", "scope", List.of("read:data"))).status()).isEqualTo(409);
            String hookId = server.apiOk("POST", "/hooks", Map.of("name", "pg-hook", "script", SeedHook.SCRIPT,
                    "triggerId", "credentials-exchange", "enabled", true), 201).get("id").asText();
            server.apiOk("POST", "/hooks/" + hookId + "/secrets", Map.of("KEY", "value"), 201);
            var p = params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret", app.clientSecret(),
                    "audience", "https://api.example.com/pg");

            server.restart();

            var r = server.tokenForm(p);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("scope").asText()).isEqualTo("read:data extra");
            assertThat(SignedJWT.parse(r.json().get("access_token").asText()).getJWTClaimsSet().getStringClaim("https://foo.com/claim"))
                    .isEqualTo("bar");
            assertThat(server.apiOk("GET", "/hooks/" + hookId + "/secrets", null, 200).get("KEY").asText()).isEqualTo("_VALUE_NOT_SHOWN_");
            assertThat(server.awaitLog("type:seccft AND client_id:" + app.clientId()).get("hook_id").asText()).isEqualTo(hookId);
        }
    }

    @Test
    void appendEventsTwiceWritesThemOnce() throws Exception {
        try (var db = TestDatabase.createPostgres(); var store = db.openStore()) {
            var batch = List.of(new io.tokenhook.tenant.LogEvent("00000000000000000001", java.time.Instant.now(), "seccft",
                    "d", "c", "n", "a", "s", "127.0.0.1", "ua", null, Map.of()));
            store.appendEvents(batch);
            store.appendEvents(batch);   // a retry after a lost commit answer
            assertThat(store.countEvents(EventQuery.latest(0))).isEqualTo(1);
        }
    }
}
