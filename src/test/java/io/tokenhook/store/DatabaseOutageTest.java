package io.tokenhook.store;

import io.tokenhook.support.TcpProxy;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tokenhook.support.TestServer.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away and comes back: tokens keep being issued from the last snapshot, management calls
 * answer 503 in the Auth0 envelope, and once the database is back writes work again and the log events of the
 * outage reach it.
 */
class DatabaseOutageTest {

    @Test
    void outageKeepsTokensFlowingAndRecovers() throws Exception {
        try (var proxy = new TcpProxy(5432); var node = TestServer.startOnPostgres(proxy.port())) {
            var app = node.appWithGrant("https://api.example.com/outage", List.of("read:data"), List.of("read:data"));
            var p = params("grant_type", "client_credentials", "client_id", app.clientId(), "client_secret", app.clientSecret(),
                    "audience", "https://api.example.com/outage", "scope", "read:data");

            proxy.down();

            for (int i = 0; i < 5; i++) assertThat(node.tokenForm(p).status()).isEqualTo(200);
            var write = node.api("POST", "/resource-servers", Map.of("identifier", "urn:during-outage"));
            assertThat(write.status()).isEqualTo(503);
            assertThat(write.json().get("statusCode").asInt()).isEqualTo(503);
            assertThat(write.json().get("errorCode").asText()).isEqualTo("temporarily_unavailable");
            assertThat(write.text()).doesNotContain("Exception").doesNotContain("jdbc:");
            assertThat(node.get("/healthz").status()).isEqualTo(200);

            proxy.up();

            TestServer.Response created = null;
            for (int i = 0; i < 50 && (created == null || created.status() != 201); i++) {
                if (i > 0) Thread.sleep(200);
                created = node.api("POST", "/resource-servers", Map.of("identifier", "urn:after-outage"));
            }
            assertThat(created.status()).isEqualTo(201);
            // the five exchanges made while the database was away were queued and written once it came back
            var all = node.apiOk("GET", "/logs?per_page=100&q=" + java.net.URLEncoder.encode("type:seccft AND client_id:" + app.clientId(),
                    java.nio.charset.StandardCharsets.UTF_8), null, 200);
            for (int i = 0; i < 100 && all.size() < 5; i++) {   // the writer retries with a back-off of up to 2 s
                Thread.sleep(200);
                all = node.apiOk("GET", "/logs?per_page=100&q=" + java.net.URLEncoder.encode("type:seccft AND client_id:" + app.clientId(),
                        java.nio.charset.StandardCharsets.UTF_8), null, 200);
            }
            assertThat(all).hasSize(5);
        }
    }
}
