package io.tokenhook.dashboard;

import com.nimbusds.jwt.SignedJWT;
import io.tokenhook.support.SeedHook;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard over plain HTTP: sign-in, cookies, anti-forgery, expiry, headers, assets and the test-token action. */
class DashboardHttpTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = DashboardSession.startServer(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rootWithoutSessionThenRedirectsToSignIn() {
        var r = new DashboardSession(server).get("/");
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/login");
    }

    @Test
    void signInWhenPasswordWrongThenRefusedWithMessageAndNoSession() {
        var s = new DashboardSession(server);
        var r = s.submitSignIn("admin", "wrong password");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).contains("Wrong user name or password.");
        assertThat(s.cookies).doesNotContainKey(Sessions.COOKIE);
    }

    @Test
    void signInWhenUserUnknownThenSameAnswerAsWrongPassword() {
        var r = new DashboardSession(server).submitSignIn("root", DashboardSession.PASSWORD);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).contains("Wrong user name or password.");
    }

    @Test
    void signInWhenFormTokenMissingThenRefused() {
        var s = new DashboardSession(server);
        var r = s.postForm("/login", Map.of("username", "admin", "password", DashboardSession.PASSWORD));
        assertThat(r.status()).isEqualTo(403);
        assertThat(s.cookies).doesNotContainKey(Sessions.COOKIE);
    }

    @Test
    void signInWhenFromAnotherSiteThenRefused() {
        var s = new DashboardSession(server);
        var page = s.get("/login");
        var token = page.text().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]*)\".*", "$1");
        var r = s.send(server.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.form(Map.of("csrf", token,
                        "username", "admin", "password", DashboardSession.PASSWORD)))));
        assertThat(r.status()).isEqualTo(403);
        assertThat(s.cookies).doesNotContainKey(Sessions.COOKIE);
    }

    /** Found by HttpFuzzTest: Jetty's refusal to parse a broken multipart form answered 500. */
    @Test
    void signInWhenMultipartBodyIsMalformedThen400InTheEnvelope() {
        var s = new DashboardSession(server);
        var r = s.send(server.request("/login").header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=x&csrf=y")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("\"statusCode\":400").contains("\"errorCode\":\"bad_request\"")
                .contains("Malformed request body").doesNotContain("jetty").doesNotContain("Exception");
        assertThat(s.cookies).doesNotContainKey(Sessions.COOKIE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"; charset=", "; charset=\"\"", "; charset=no-such-charset", "; charset"})
    void signInWhenCharsetIsUnreadableThen415InTheEnvelope(String charset) {
        var s = new DashboardSession(server);
        var r = s.send(server.request("/login").header("Content-Type", "application/x-www-form-urlencoded" + charset)
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=x&csrf=y")));
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.text()).contains("\"errorCode\":\"unsupported_media_type\"").doesNotContain("Exception");
        assertThat(s.cookies).doesNotContainKey(Sessions.COOKIE);
    }

    @Test
    void signInWhenCorrectThenSessionCookieIsHttpOnlyStrictAndNotSecureOverPlainHttp() {
        var s = new DashboardSession(server);
        var r = s.submitSignIn("admin", DashboardSession.PASSWORD);
        assertThat(r.status()).isEqualTo(303);
        var cookie = DashboardSession.setCookies(r).stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/").doesNotContain("Secure");
        assertThat(cookie.split(";")[0].length()).isGreaterThan(Sessions.COOKIE.length() + 40);
    }

    @Test
    void pagesCarryCspWithoutInlineScriptsNoFramingAndNoReferrer() {
        var s = new DashboardSession(server).signIn();
        for (var r : List.of(s.get("/"), new DashboardSession(server).get("/login"))) {
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'");
            assertThat(csp.replaceAll(".*script-src([^;]*).*", "$1")).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        }
        assertThat(s.get("/").text()).doesNotContain("<script>").contains("<meta name=\"csrf-token\"");
    }

    @Test
    void sessionWritesWithoutCsrfTokenThenRefusedAndNothingChanges() {
        var s = new DashboardSession(server).signIn();
        var body = Map.of("name", "No CSRF app");
        assertThat(s.api("POST", "/clients", body, null).status()).isEqualTo(403);
        var wrong = s.api("POST", "/clients", body, "not-the-token");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().get("errorCode").asText()).isEqualTo("invalid_csrf_token");
        assertThat(server.apiOk("GET", "/clients", null, 200).findValuesAsText("name")).doesNotContain("No CSRF app");
    }

    @Test
    void sessionReadsNeedNoCsrfTokenAndWritesAreLoggedWithTheDashboardActor() {
        var s = new DashboardSession(server).signIn();
        assertThat(s.api("GET", "/hooks", null, null).status()).isEqualTo(200);
        var created = s.api("POST", "/clients", Map.of("name", "Created from the dashboard"));
        assertThat(created.status()).isEqualTo(201);
        var event = server.awaitLog("type:sapi", e -> e.path("details").path("request").path("path").asText().equals("/api/v2/clients")
                && e.path("details").path("actor").asText().equals("admin (dashboard)"));
        assertThat(event.get("description").asText()).isEqualTo("Create a client");
        assertThat(event.get("details").get("target").toString())
                .isEqualTo("{\"type\":\"client\",\"id\":\"" + created.json().get("client_id").asText() + "\"}");
        assertThat(event.has("client_id")).isFalse();
    }

    @Test
    void signOutEndsTheSession() {
        var s = new DashboardSession(server).signIn();
        String id = s.cookies.get(Sessions.COOKIE);
        assertThat(s.postForm("/logout", Map.of()).status()).isEqualTo(403);   // without the token
        var out = s.postForm("/logout", Map.of("csrf", s.csrf));
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Location")).isEqualTo("/login?signed-out");
        s.cookies.put(Sessions.COOKIE, id);   // a copied cookie no longer works
        assertThat(s.api("GET", "/hooks", null).status()).isEqualTo(401);
        assertThat(s.get("/").status()).isEqualTo(303);
    }

    @Test
    void sessionWhenIdlePastTheTimeoutThenExpires() throws Exception {
        try (var short1 = DashboardSession.startServer(Map.of("TOKENHOOK_SESSION_IDLE_TIMEOUT", "1500ms"))) {
            var s = new DashboardSession(short1).signIn();
            assertThat(s.api("GET", "/hooks", null).status()).isEqualTo(200);
            Thread.sleep(800);
            assertThat(s.get("/dashboard/session").status()).isEqualTo(200);   // does not count as activity
            Thread.sleep(900);
            var r = s.api("GET", "/hooks", null);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("errorCode").asText()).isEqualTo("session_expired");
            assertThat(s.get("/").header("Location")).isEqualTo("/login");
        }
    }

    @Test
    void sessionStatusTellsUserAndTimeout() {
        var s = new DashboardSession(server).signIn();
        var r = s.get("/dashboard/session");
        assertThat(r.json().get("user").asText()).isEqualTo("admin");
        assertThat(r.json().get("idle_timeout_seconds").asLong()).isEqualTo(1800);
        assertThat(new DashboardSession(server).get("/dashboard/session").status()).isEqualTo(401);
    }

    @Test
    void tooManyFailedSignInsThenWait() {
        try (var other = DashboardSession.startServer(Map.of())) {
            var s = new DashboardSession(other);
            for (int i = 0; i < SignIn.MAX_FAILURES; i++) assertThat(s.submitSignIn("admin", "nope " + i).status()).isEqualTo(401);
            var r = s.submitSignIn("admin", DashboardSession.PASSWORD);
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.text()).contains("Too many failed sign-ins");
        }
    }

    @Test
    void assetsAreServedAndPathsOutsideThemAreNot() {
        var s = new DashboardSession(server);
        assertThat(s.get("/dashboard/assets/js/app.js").header("Content-Type")).startsWith("text/javascript");
        assertThat(s.get("/dashboard/vendor/monaco/vs/loader.js").status()).isEqualTo(200);
        assertThat(s.get("/dashboard/vendor/monaco/vs/editor/editor.main.js").status()).isEqualTo(200);
        // Jetty refuses some of these itself (400); none may reach a file outside the dashboard's folder
        assertThat(s.get("/dashboard/assets/../../logback.xml").status()).isIn(400, 404);
        assertThat(s.get("/dashboard/assets/%2e%2e/logback.xml").status()).isIn(400, 404);
        assertThat(s.get("/dashboard/assets/..%2Flogback.xml").status()).isIn(400, 404);
        assertThat(s.get("/dashboard/vendor/monaco/../../../logback.xml").status()).isIn(400, 404);
        assertThat(s.get("/dashboard/assets/nothing.js").status()).isEqualTo(404);
    }

    @Test
    void testTokenRunsTheRealExchangeWithTheHookAndIsLogged() throws Exception {
        var s = new DashboardSession(server).signIn();
        var app = server.appWithGrant("https://api.example.com/test-token", List.of("read:data"), List.of("read:data"));
        server.apiOk("POST", "/hooks", Map.of("name", "test token hook", "triggerId", "credentials-exchange",
                "script", SeedHook.SCRIPT, "enabled", true), 201);
        try {
            var r = s.api("POST", "/clients/" + app.clientId() + "/test-token", Map.of("audience", "https://api.example.com/test-token"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asInt()).isEqualTo(200);
            var token = r.json().get("response").get("access_token").asText();
            var claims = SignedJWT.parse(token).getJWTClaimsSet();
            assertThat(claims.getStringClaim("https://foo.com/claim")).isEqualTo("bar");
            assertThat(claims.getStringClaim("scope")).isEqualTo("read:data extra");
            assertThat(claims.getSubject()).isEqualTo(app.clientId() + "@clients");
            var exchange = server.awaitLog("type:seccft AND client_id:" + app.clientId());
            assertThat(exchange.get("details").get("requested_by").asText()).isEqualTo("admin (dashboard)");
            server.awaitLog("type:sapi", e -> e.get("description").asText().equals("Issue a test token for a client"));

            var refused = s.api("POST", "/clients/" + app.clientId() + "/test-token", Map.of("audience", "https://nowhere.example"));
            assertThat(refused.json().get("status").asInt()).isEqualTo(403);
            assertThat(refused.json().get("response").get("error").asText()).isEqualTo("access_denied");
            var mgmt = s.api("POST", "/clients/" + TestServer.ADMIN_ID + "/test-token", Map.of("audience", server.managementAudience()));
            assertThat(mgmt.json().get("status").asInt()).isEqualTo(403);
            assertThat(s.api("POST", "/clients/nope/test-token", Map.of("audience", "x")).status()).isEqualTo(404);
            assertThat(s.api("POST", "/clients/" + app.clientId() + "/test-token", Map.of("audience", "x"), null).status()).isEqualTo(403);
        } finally {
            for (var hook : server.apiOk("GET", "/hooks", null, 200)) server.apiOk("DELETE", "/hooks/" + hook.get("id").asText(), null, 204);
        }
    }
}
