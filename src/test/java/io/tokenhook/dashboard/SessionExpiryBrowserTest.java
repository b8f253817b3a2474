package io.tokenhook.dashboard;

import io.tokenhook.support.SeedHook;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An idle session expires; the next action leads back to sign-in, and after signing in again the editor has the
 * unsaved text. Runs at a laptop's width (1024 px) and saves screenshots of the main pages at that size.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionExpiryBrowserTest {
    /* Short enough to wait out, long enough that a loaded CI machine never idles this long between page loads
       (4 s did once, in pagesAtLaptopWidth). */
    private static final int IDLE_TIMEOUT_SECONDS = 10;
    static TestServer server;
    static Browser b;

    @BeforeAll
    static void start() {
        server = DashboardSession.startServer(Map.of("TOKENHOOK_SESSION_IDLE_TIMEOUT", IDLE_TIMEOUT_SECONDS + "s"));
        b = Browser.start(1024, 720);
    }

    @AfterAll
    static void stop() {
        Browser.closeBoth(b, server);
    }

    private void signIn() {
        b.find("#username").clear();
        b.type("#username", "admin");
        b.type("#password", DashboardSession.PASSWORD);
        b.click("#sign-in");
    }

    @Test
    @Order(2)
    void expiredSessionLeadsToSignInAndKeepsTheUnsavedText() throws Exception {
        String id = server.apiOk("POST", "/hooks", Map.of("name", "expiry hook", "triggerId", "credentials-exchange",
                "script", SeedHook.SCRIPT, "enabled", true), 201).get("id").asText();
        b.open(server.baseUrl() + "#/hooks/" + id);
        signIn();
        b.find("#hook-editor[data-ready=true]");
        b.screenshot("20-laptop-hook-editor");
        b.find("#hook-editor .view-lines").click();
        var editor = b.driver.switchTo().activeElement();
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
        editor.sendKeys("\n// unsaved line");
        b.findWithText("#save-state", "Unsaved changes");
        Thread.sleep(IDLE_TIMEOUT_SECONDS * 1000L + 500);                     // idle past the timeout
        b.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "s"));
        b.findWithText(".notice", "Your session expired");
        assertThat(b.driver.getCurrentUrl()).contains("/login?expired");
        signIn();
        b.find("#hook-editor[data-ready=true]");
        assertThat(b.driver.getCurrentUrl()).endsWith("#/hooks/" + id);
        b.find("#draft-restored");
        assertThat((String) b.script("return monaco.editor.getModels()[0].getValue();")).endsWith("// unsaved line")
                .startsWith("module.exports");
        b.findWithText("#save-state", "Unsaved changes");
        b.click("#save-hook");
        b.findWithText("#save-state", "Saved");
        assertThat(server.apiOk("GET", "/hooks/" + id, null, 200).get("script").asText()).contains("// unsaved line");
        assertThat(b.consoleErrors().stream().filter(l -> !l.contains("401")).toList()).isEmpty();
    }

    @Test
    @Order(1)
    void pagesAtLaptopWidth() {
        b.open(server.baseUrl() + "#/hooks");     // a deep link: sign-in first, then the page asked for
        signIn();
        b.find("#create-hook");
        b.screenshot("21-laptop-hooks");
        server.accessToken(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET, server.managementAudience());   // an event to show
        b.open(server.baseUrl() + "#/logs");
        b.find("#log-rows tr");
        b.screenshot("22-laptop-logs");
        b.open(server.baseUrl() + "#/debugger");
        b.find("#token-input").sendKeys(server.adminToken());
        b.findWithText("#signature-state", "Signature verified");
        b.screenshot("23-laptop-debugger");
        assertThat((Long) b.script("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(1024L);
        assertThat(b.consoleErrors()).isEmpty();
        b.click("#sign-out");
        b.find("#username");
    }
}
