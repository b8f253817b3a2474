package io.tokenhook.dashboard;

import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.support.ui.Select;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EdDSA in the dashboard, in real headless Chromium: the API form offers it, and the token debugger verifies an
 * EdDSA token with WebCrypto's Ed25519, or says plainly that a browser without Ed25519 cannot check it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdDsaBrowserTest {
    static final String API = "https://api.example.com/ed-dashboard";
    static TestServer server;
    static Browser b;
    static TestServer.App app;

    @BeforeAll
    static void start() {
        server = DashboardSession.startServer(Map.of());
        b = Browser.start(1280, 860);
    }

    @AfterAll
    static void stop() {
        Browser.closeBoth(b, server);
    }

    @Test
    @Order(1)
    void anApiCreatedInTheFormWithEdDsaSignsItsTokensWithIt() {
        b.open(server.baseUrl() + "#/apis");
        b.type("#username", "admin");
        b.type("#password", DashboardSession.PASSWORD);
        b.click("#sign-in");
        b.click("#create-api");
        b.type("#new-api input[name=name]", "Ledger API");
        b.type("#new-api input[name=identifier]", API);
        new Select(b.find("#new-api select[name=signing_alg]")).selectByValue("EdDSA");
        b.click("#new-api button[type=submit]");
        b.findWithText("#tab-permissions[aria-selected=true]", "Permissions");
        assertThat(server.apiOk("GET", "/resource-servers/" + java.net.URLEncoder.encode(API, java.nio.charset.StandardCharsets.UTF_8),
                null, 200).get("signing_alg").asText()).isEqualTo("EdDSA");
        var created = server.createApp("ledger reader");
        server.grant(created.get("client_id").asText(), API);
        app = new TestServer.App(created.get("client_id").asText(), created.get("client_secret").asText());
    }

    @Test
    @Order(2)
    void theDebuggerVerifiesAnEdDsaTokenAndTellsATamperedOne() {
        String token = server.accessToken(app.clientId(), app.clientSecret(), API);
        b.open(server.baseUrl() + "#/debugger");
        b.find("#token-input").sendKeys(token);
        b.findWithText("#signature-state[data-state=valid]", "(EdDSA)");
        b.screenshot("30-debugger-eddsa");

        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"someone-else\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        b.find("#token-input").clear();
        b.find("#token-input").sendKeys(forged);
        b.findWithText("#signature-state[data-state=invalid]", "Invalid signature");
        assertThat(b.consoleErrors()).isEmpty();
    }

    @Test
    @Order(3)
    void aBrowserWithoutEd25519SaysItCannotVerifyRatherThanInvalid() {
        String token = server.accessToken(app.clientId(), app.clientSecret(), API);
        b.open(server.baseUrl() + "#/debugger");
        b.find("#token-input");
        // an older browser: WebCrypto refuses the Ed25519 algorithm
        b.script("const importKey = crypto.subtle.importKey.bind(crypto.subtle);"
                + "crypto.subtle.importKey = (format, key, alg, ...rest) => (alg && (alg.name || alg) === 'Ed25519')"
                + " ? Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'))"
                + " : importKey(format, key, alg, ...rest);");
        b.find("#token-input").clear();
        b.find("#token-input").sendKeys(token);
        b.findWithText("#signature-state[data-state=unknown]", "This browser cannot verify EdDSA (Ed25519) signatures");
        b.screenshot("31-debugger-eddsa-unsupported");
        assertThat(b.consoleErrors()).isEmpty();
    }
}
