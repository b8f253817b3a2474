package io.tokenhook.dashboard;

import io.tokenhook.app.Config;
import io.tokenhook.support.TestDatabase;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard over {@code serve --tls-self-signed}: the session cookie is {@code Secure}, and the pages work. */
class DashboardHttpsTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWithTls(TestDatabase.tempDir("tokenhook-dashboard-tls"),
                Map.of("TOKENHOOK_ADMIN_PASSWORD", DashboardSession.PASSWORD), new Config.Tls(null, null, true), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void signInWhenServedOverTlsThenSessionCookieIsSecureAndTheSessionWorks() {
        var s = new DashboardSession(server);

        var r = s.submitSignIn("admin", DashboardSession.PASSWORD);

        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        var cookie = DashboardSession.setCookies(r).stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Strict");
        s.csrf = s.csrfFromPage();
        assertThat(s.api("GET", "/clients", null).status()).isEqualTo(200);
    }
}
