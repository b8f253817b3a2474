package io.tokenhook.store;

import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.SeedHook;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL database: a change made through either node reaches the other's in-memory
 * snapshot by itself (the configuration-version watch), and both write to one log.
 */
class TwoNodesTest {

    @Test
    void changesOnOneNodeReachTheOther() throws Exception {
        try (var a = TestServer.startOnPostgres(); var b = a.secondNode()) {
            var app = a.appWithGrant("https://api.example.com/nodes", List.of("read:data"), List.of("read:data"));
            var p = params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret", app.clientSecret(),
                    "audience", "https://api.example.com/nodes");
            var fromB = eventually(() -> b.tokenForm(p), r -> r.status() == 200);
            assertThat(fromB.json().get("scope").asText()).isEqualTo("read:data");

            b.apiOk("POST", "/hooks", Map.of("name", "from-node-b", "script", SeedHook.SCRIPT,
                    "triggerId", "credentials-exchange", "enabled", true), 201);
            long committed = System.nanoTime();
            var fromA = eventually(() -> a.tokenForm(p), r -> r.json().path("scope").asText().equals("read:data extra"));
            // the guarantee: a committed change shapes the other node's tokens within a second
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - committed)).isLessThan(java.time.Duration.ofSeconds(1));
            assertThat(SignedJWT.parse(fromA.json().get("access_token").asText()).getJWTClaimsSet()
                    .getStringClaim("https://foo.com/claim")).isEqualTo("bar");

            // one log: B sees the exchange A made, A sees B's management write
            assertThat(b.awaitLog("type:seccft AND client_id:" + app.clientId(),
                    e -> e.get("scope").asText().equals("read:data extra"))).isNotNull();
            assertThat(a.awaitLog("type:sapi", e -> e.get("description").asText().equals("Create a hook"))).isNotNull();
        }
    }

    @Test
    void notificationsCarryChangesWithoutWaitingForTheVersionCheck() throws Exception {
        // node B checks the version only every minute: what reaches it within seconds came by NOTIFY
        try (var a = TestServer.startOnPostgres(); var b = a.secondNode(java.time.Duration.ofMinutes(1))) {
            var app = a.appWithGrant("https://api.example.com/notify", List.of("read:data"), List.of("read:data"));
            var p = params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret", app.clientSecret(),
                    "audience", "https://api.example.com/notify");
            assertThat(eventually(() -> b.tokenForm(p), r -> r.status() == 200).json().get("scope").asText()).isEqualTo("read:data");
        }
    }

    /** Polls {@code call} for up to 5 s until {@code done}; the nodes converge within a second by design. */
    private static TestServer.Response eventually(Supplier<TestServer.Response> call,
                                                  java.util.function.Predicate<TestServer.Response> done) throws InterruptedException {
        TestServer.Response last = null;
        for (int i = 0; i < 250; i++) {
            last = call.get();
            if (done.test(last)) return last;
            Thread.sleep(20);
        }
        throw new AssertionError("the other node did not catch up: " + last.status() + " " + last.text());
    }
}
