package io.tokenhook.dashboard;

import io.tokenhook.support.SeedHook;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed page ("Use Hooks with Client Credentials Grant") done in the dashboard, in real headless Chromium:
 * the same names and order, then the editor's secrets, runner, toggle, failed save, and sign-out. Screenshots of
 * the main pages go to {@code target/screenshots}. One server and one browser for the class; tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedWalkthroughBrowserTest {
    static final String API = "https://api.example.com/data";
    static final String APP = "Reporting service";
    static final String HOOK = "client-credentials-exchange-hook";
    static TestServer server;
    static Browser b;
    /** The application the walkthrough creates: its secret was shown once, in the dialog. */
    static String clientId;
    static String clientSecret;

    @BeforeAll
    static void start() {
        server = DashboardSession.startServer(Map.of());
        b = Browser.start(1280, 860);
    }

    @AfterAll
    static void stop() {
        Browser.closeBoth(b, server);
    }

    /** Whatever a test did, the browser console shows no error (failed loads of the statuses a test expects aside). */
    @AfterEach
    void noConsoleErrors() {
        assertThat(b.consoleErrors().stream().filter(l -> !expected.stream().anyMatch(l::contains)).toList()).isEmpty();
        expected = List.of();
        b.clearConsole();
    }

    private List<String> expected = List.of();

    /** Opens a page; a change of hash alone does not reload, so dialogs a failed test left open are closed first. */
    private void go(String hash) {
        b.script("document.querySelectorAll('dialog[open]').forEach(d => d.close());");
        b.open(server.baseUrl() + hash);
    }

    /** Replaces the editor's text the way a user pastes: select all, then a paste event with the text. */
    private void pasteIntoEditor(String code) {
        b.find("#hook-editor[data-ready=true] .view-lines").click();
        var area = b.driver.switchTo().activeElement();
        area.sendKeys(Keys.chord(Keys.CONTROL, "a"));
        b.script("const dt = new DataTransfer(); dt.setData('text/plain', arguments[0]);"
                + "arguments[1].dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));", code, area);
    }

    private String editorText() {
        return (String) b.script("return monaco.editor.getModels()[0].getValue();");
    }

    private void saveWithCtrlS() {
        b.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "s"));
    }

    @Test
    @Order(1)
    void signIn() {
        b.open(server.baseUrl());
        b.find("#username");
        b.screenshot("01-sign-in");
        b.type("#username", "admin");
        b.type("#password", DashboardSession.PASSWORD);
        b.click("#sign-in");
        b.findWithText(".nav a[aria-current=page]", "APIs");
        assertThat(b.find(".account-user").getText()).isEqualTo("admin");
    }

    @Test
    @Order(2)
    void beforeYouStartCreateAnApiWithAScope() {
        go("#/apis");
        b.click("#create-api");
        b.type("#new-api input[name=name]", "Data API");
        b.type("#new-api input[name=identifier]", API);
        new Select(b.find("#new-api select[name=signing_alg]")).selectByValue("RS256");
        b.click("#new-api button[type=submit]");
        b.findWithText("#tab-permissions[aria-selected=true]", "Permissions");
        b.type("#add-scope input[name=scope]", "read:data");
        b.type("#add-scope input[name=description]", "Read data");
        b.click("#add-scope button[type=submit]");
        b.find("tr[data-scope='read:data']");
        b.screenshot("03-api-permissions");
        assertThat(server.apiOk("GET", "/resource-servers/" + java.net.URLEncoder.encode(API, java.nio.charset.StandardCharsets.UTF_8), null, 200)
                .get("scopes").get(0).get("value").asText()).isEqualTo("read:data");
        go("#/apis");
        b.find("tr[data-api='" + API + "']");
        b.screenshot("02-apis");
    }

    @Test
    @Order(3)
    void beforeYouStartCreateAMachineToMachineApplication() {
        go("#/applications");
        b.click("#create-app");
        b.type("#new-app input[name=name]", APP);
        b.click("#new-app button[type=submit]");
        String secret = b.find("#new-client-secret").getText();
        String clientId = b.find("#new-client-id").getText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        b.screenshot("04-application-secret-shown-once");
        b.click("#secret-dialog .btn-primary");
        b.findWithText("#app-client-id", clientId);
        b.screenshot("05-application");
        // the secret works at the token endpoint once the app is authorized (next step); keep it for then
        SeedWalkthroughBrowserTest.clientSecret = secret;
        SeedWalkthroughBrowserTest.clientId = clientId;
    }

    @Test
    @Order(4)
    void beforeYouStartAuthorizeTheApplicationForTheApi() {
        go("#/apis");
        b.click("tr[data-api='" + API + "'] a");
        b.click("#tab-m2m");
        b.click("[data-authorize='" + APP + "']");
        b.find("li[data-app='" + APP + "'] input[value='read:data']").click();
        b.click("[data-update-grant='" + APP + "']");
        b.findWithText(".toast", "Permissions of " + APP + " updated");
        b.screenshot("06-api-machine-to-machine");
        var grants = server.apiOk("GET", "/client-grants?audience=" + java.net.URLEncoder.encode(API, java.nio.charset.StandardCharsets.UTF_8), null, 200);
        assertThat(grants.get(0).get("scope").get(0).asText()).isEqualTo("read:data");
        var token = server.tokenForm(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientSecret, "audience", API));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("scope").asText()).isEqualTo("read:data");
    }

    @Test
    @Order(5)
    void steps1And2CreateNewHookForClientCredentialsExchange() {
        go("#/hooks");                                                       // 1. Go to the Hooks page
        b.findWithText("[data-trigger='credentials-exchange'] h2", "Client Credentials Exchange");
        b.click("#create-hook");                                             // 2. + Create New Hook
        b.findWithText("#new-hook h2", "New Hook");
        var select = new Select(b.find("#new-hook select"));
        assertThat(select.getOptions().stream().map(o -> o.getText()).toList()).containsExactly("Client Credentials Exchange",
                "Pre User Registration", "Post User Registration", "Post Change Password", "Send Phone Message");
        assertThat(b.find("#new-hook label[for='" + b.find("#new-hook select").getAttribute("id") + "']").getText()).isEqualTo("Hook");
        select.selectByVisibleText("Client Credentials Exchange");
        b.type("#new-hook input[name=name]", HOOK);
        b.screenshot("07-new-hook-dialog");
        b.findWithText("#new-hook button[type=submit]", "Create").click();
        var row = b.find("[data-trigger='credentials-exchange'] tr[data-hook='" + HOOK + "']");
        assertThat(row.findElement(org.openqa.selenium.By.cssSelector("[role=switch]")).getAttribute("aria-checked")).isEqualTo("true");
        b.findWithText("[data-trigger='credentials-exchange'] .rule-note", "only one can be enabled");
        b.screenshot("08-hooks");
    }

    @Test
    @Order(6)
    void steps3And4EditWithTheSeedCodeAndSaveWithCtrlS() {
        go("#/hooks");
        b.click("[data-edit='" + HOOK + "']");                              // 3. the pencil icon
        b.find("#hook-editor[data-ready=true]");
        assertThat(editorText()).contains("module.exports = function(client, scope, audience, context, cb)");   // the starter code
        assertThat(b.all("#hook-editor .mtk1, #hook-editor [class*=mtk]")).isNotEmpty();                       // highlighted
        pasteIntoEditor(SeedHook.SCRIPT);                                   // 4. paste the sample code
        assertThat(editorText().replace("\r", "")).isEqualTo(SeedHook.SCRIPT);
        b.findWithText("#save-state", "Unsaved changes");
        saveWithCtrlS();                                                    // Ctrl+S
        b.findWithText("#save-state", "Saved");
        b.screenshot("09-hook-editor");
        var hook = server.apiOk("GET", "/hooks?triggerId=credentials-exchange", null, 200).get(0);
        assertThat(hook.get("script").asText()).isEqualTo(SeedHook.SCRIPT);
        assertThat(hook.get("enabled").asBoolean()).isTrue();
    }

    @Test
    @Order(7)
    void testYourHookAndDecodeTheToken() {
        go("#/apis");
        b.click("tr[data-api='" + API + "'] a");
        b.click("#tab-test");
        new Select(b.find("#test-token-form select[name=client]")).selectByValue(clientId);
        assertThat(b.find("#test-curl").getText()).contains("grant_type=client_credentials")
                .contains("client_id=" + clientId).contains("client_secret=YOUR_CLIENT_SECRET")
                .contains("audience=" + API).contains("/oauth/token");
        b.click("#get-token");
        b.findWithText("#test-scope", "read:data extra");
        b.screenshot("10-api-test-your-hook");
        b.click("#open-debugger");
        b.findWithText("#signature-state[data-state=valid]", "Signature verified");
        var claim = b.find("#token-claims tr[data-claim='https://foo.com/claim']");
        assertThat(claim.getText()).contains("https://foo.com/claim").contains("bar");
        assertThat(claim.getAttribute("class")).contains("by-hook");
        assertThat(b.find("#token-claims tr[data-claim='scope'] [data-scope='extra']").getAttribute("class")).contains("by-hook");
        assertThat(b.find("#token-claims tr[data-claim='scope'] [data-scope='read:data']").getAttribute("class")).doesNotContain("by-hook");
        assertThat(b.find("#token-claims tr[data-claim='exp']").getText()).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        b.screenshot("11-token-debugger");
        // the exchange ran the hook and is in the logs
        server.awaitLog("type:seccft AND client_id:" + clientId,
                e -> e.path("scope").asText().equals("read:data extra"));
    }

    @Test
    @Order(8)
    void debuggerTellsATamperedToken() {
        String token = server.accessToken(clientId, clientSecret, API);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"someone-else\",\"scope\":\"admin\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        go("#/debugger");
        b.find("#token-input").clear();
        b.find("#token-input").sendKeys(forged);
        b.findWithText("#signature-state[data-state=invalid]", "Invalid signature");
        b.find("#token-input").clear();
        b.find("#token-input").sendKeys("not a token");
        b.findWithText("#token-output [role=alert]", "Not a signed JWT");
    }

    @Test
    @Order(9)
    void logsShowTheExchangeWithItsDetails() {
        go("#/logs");
        new Select(b.find("#filter-type")).selectByValue("seccft");
        b.click("#log-rows tr[data-type=seccft]");
        b.findWithText("#log-details", "Success Exchange");
        assertThat(b.find("#log-raw").getText()).contains("\"hook_id\"").contains(HOOK);
        b.screenshot("12-logs");
        b.click("#log-details button[aria-label='Close the details']");
        b.click("#live-toggle");
        assertThat(b.find("#live-toggle").getAttribute("aria-pressed")).isEqualTo("true");
        server.accessToken(clientId, clientSecret, API);
        b.waitFor(d -> b.all("#log-rows tr.fresh[data-type=seccft]").size() > 0 ? true : null, "a live seccft row");
        b.click("#live-toggle");
        // a change made in the dashboard: who, what, on what
        new Select(b.find("#filter-type")).selectByValue("sapi");
        b.click("#log-rows tr[data-type=sapi]");
        b.findWithText("#log-details", "admin (dashboard)");
        assertThat(b.find("#log-details dl").getText()).contains("Operation").contains("Target").contains("Request");
        b.click("#log-details button[aria-label='Close the details']");
    }

    @Test
    @Order(10)
    void secretsAreAddedUpdatedAndDeletedWithoutShowingValues() {
        expected = List.of("409");
        String hookId = server.apiOk("GET", "/hooks?triggerId=credentials-exchange", null, 200).get(0).get("id").asText();
        go("#/hooks/" + hookId);
        b.find("#hook-editor[data-ready=true]");
        b.click("#tab-secrets");
        b.type("#add-secret input[name=secret-name]", "API_KEY");
        b.type("#add-secret input[name=secret-value]", "s3cr3t-value");
        b.click("#add-secret button[type=submit]");
        var row = b.find("#secrets-list li[data-secret=API_KEY]");
        assertThat(row.getText()).contains("API_KEY").doesNotContain("s3cr3t-value");
        assertThat(b.driver.getPageSource()).doesNotContain("s3cr3t-value");
        b.type("#add-secret input[name=secret-name]", "API_KEY");
        b.type("#add-secret input[name=secret-value]", "again");
        b.click("#add-secret button[type=submit]");
        b.findWithText("#add-secret .field-error", "already exists");   // the conflict, next to the name
        b.click("#secrets-list li[data-secret=API_KEY] button[aria-label='Update secret API_KEY']");
        b.find("#secrets-list li[data-secret=API_KEY] input").sendKeys("rotated-value");
        b.findWithText("#secrets-list li[data-secret=API_KEY] button", "Save").click();
        b.findWithText(".toast", "Secret API_KEY updated");
        b.screenshot("13-hook-secrets");
        var script = "module.exports = function(client, scope, audience, context, cb) {\n"
                + "  cb(null, {scope: scope, 'https://example.com/key': context.webtask.secrets.API_KEY});\n};\n";
        var run = server.apiOk("POST", "/hooks/" + hookId + "/test", Map.of("script", script), 200);
        assertThat(run.get("claims").get("https://example.com/key").asText()).isEqualTo("rotated-value");
        b.click("#secrets-list li[data-secret=API_KEY] button[aria-label='Delete secret API_KEY']");
        b.click("dialog[open] [data-confirm]");
        b.findWithText("#secrets-list", "No secrets yet.");
        assertThat(server.apiOk("GET", "/hooks/" + hookId + "/secrets", null, 200).size()).isZero();
    }

    @Test
    @Order(11)
    void runnerShowsClaimsScopeConsoleAndDuration() {
        expected = List.of("400");
        var hook = server.apiOk("POST", "/hooks", Map.of("name", "runner hook", "triggerId", "credentials-exchange", "script",
                "module.exports = function(client, scope, audience, context, cb) {\n  console.log('hello from ' + client.name);\n"
                        + "  cb(null, {scope: scope.concat(['extra']), 'https://example.com/plan': client.metadata.plan});\n};\n"), 201);
        go("#/hooks/" + hook.get("id").asText());
        b.find("#hook-editor[data-ready=true]");
        b.click("#run-hook");
        b.find("#runner-result [data-result=success]");
        assertThat(b.find("#run-scope").getText()).isEqualTo("read:connections extra");
        assertThat(b.find("#run-claims").getText()).contains("\"https://example.com/plan\": \"full\"");
        assertThat(b.find("#run-console").getText()).contains("hello from client-name");
        assertThat(b.find("#run-duration").getText()).endsWith("ms");
        b.screenshot("14-hook-runner");
        var payload = b.find("textarea[name=payload]");
        payload.clear();
        payload.sendKeys("{ not json");
        b.click("#run-hook");
        b.findWithText("[role=tabpanel] .field-error", "Invalid JSON");
        payload.clear();
        payload.sendKeys("{\"scope\": \"read:data\"}");
        b.click("#run-hook");
        b.findWithText("[role=tabpanel] .field-error", "scope");   // the server's message, next to the payload
    }

    @Test
    @Order(12)
    void toggleEnablesOneHookAndDisablesTheOther() {
        go("#/hooks");
        b.click("#create-hook");
        new Select(b.find("#new-hook select")).selectByVisibleText("Client Credentials Exchange");
        b.findWithText("#new-hook .hint", "starts disabled");
        b.type("#new-hook input[name=name]", "second hook");
        b.click("#new-hook button[type=submit]");
        var second = b.find("tr[data-hook='second hook'] [role=switch]");
        assertThat(second.getAttribute("aria-checked")).isEqualTo("false");
        assertThat(b.find("tr[data-hook='" + HOOK + "'] [role=switch]").getAttribute("aria-checked")).isEqualTo("true");
        second.click();
        b.findWithText(".toast", "second hook is enabled");
        b.waitFor(d -> "true".equals(b.find("tr[data-hook='second hook'] [role=switch]").getAttribute("aria-checked")) ? true : null, "second hook enabled");
        assertThat(b.find("tr[data-hook='" + HOOK + "'] [role=switch]").getAttribute("aria-checked")).isEqualTo("false");
        assertThat(b.find("[data-trigger='credentials-exchange'] .rule-note").getText()).contains("only one can be enabled")
                .contains("Enabled now: second hook");
        var enabled = server.apiOk("GET", "/hooks?enabled=true&triggerId=credentials-exchange", null, 200);
        assertThat(enabled.findValuesAsText("name")).containsExactly("second hook");
        b.find("tr[data-hook='" + HOOK + "'] [role=switch]").click();
        b.waitFor(d -> "true".equals(b.find("tr[data-hook='" + HOOK + "'] [role=switch]").getAttribute("aria-checked")) ? true : null, "seed hook enabled again");
        b.click("tr[data-hook='second hook'] button[aria-label='Delete hook second hook']");
        b.click("dialog[open] [data-confirm]");
        b.waitFor(d -> b.all("tr[data-hook='second hook']").isEmpty() ? true : null, "second hook deleted");
    }

    @Test
    @Order(13)
    void failedSaveShowsTheParseErrorAndKeepsTheText() {
        expected = List.of("400");
        String hookId = server.apiOk("GET", "/hooks?triggerId=credentials-exchange&enabled=true", null, 200).get(0).get("id").asText();
        go("#/hooks/" + hookId);
        b.find("#hook-editor[data-ready=true]");
        String broken = "module.exports = function(client, scope, audience, context, cb) {\n  cb(null, {;\n};\n";
        pasteIntoEditor(broken);
        b.findWithText("#problems", "syntax error");                        // shown before saving
        saveWithCtrlS();
        b.findWithText("#save-error", "Not saved:");
        assertThat(b.find("#save-error").getText()).containsIgnoringCase("script");
        assertThat(b.find("#save-state").getText()).contains("Unsaved changes");
        b.screenshot("15-hook-failed-save");
        assertThat(server.apiOk("GET", "/hooks/" + hookId, null, 200).get("script").asText()).isEqualTo(SeedHook.SCRIPT);
        b.driver.navigate().refresh();                                       // the unsaved text survives a reload
        b.find("#hook-editor[data-ready=true]");
        b.find("#draft-restored");
        assertThat(editorText().replace("\r", "")).isEqualTo(broken);
        pasteIntoEditor(SeedHook.SCRIPT);
        b.click("#save-hook");
        b.findWithText("#save-state", "Saved");
    }

    @Test
    @Order(14)
    void badInputIsRefusedNextToTheField() {
        expected = List.of("400", "409");
        go("#/apis");
        b.click("#create-api");
        b.type("#new-api input[name=identifier]", API);                      // taken
        b.click("#new-api button[type=submit]");
        b.findWithText("#new-api .field-error", "already exists");
        b.find("#new-api input[name=identifier]").clear();
        b.type("#new-api input[name=identifier]", "https://api.example.com/other");
        b.type("#new-api input[name=token_lifetime]", "0");
        b.click("#new-api button[type=submit]");
        b.findWithText("#new-api .field-error", "between 1 and 2592000");
        b.find("#new-api input[name=token_lifetime]").sendKeys(Keys.ESCAPE);
        go("#/hooks");
        b.click("#create-hook");
        b.type("#new-hook input[name=name]", "bad/name!");
        b.click("#new-hook button[type=submit]");
        b.findWithText("#new-hook .field-error", "Name may contain letters");
        b.screenshot("16-bad-input");
    }

    @Test
    @Order(15)
    void editorLogsShowTheHooksExchangesLive() {
        String hookId = server.apiOk("GET", "/hooks?triggerId=credentials-exchange&enabled=true", null, 200).get(0).get("id").asText();
        go("#/hooks/" + hookId);
        b.find("#hook-editor[data-ready=true]");
        b.click("#tab-logs");
        b.findWithText("#panel-logs", "Live");
        int before = b.all("#hook-logs li[data-type=seccft]").size();
        server.accessToken(clientId, clientSecret, API);
        b.waitFor(d -> b.all("#hook-logs li[data-type=seccft]").size() > before ? true : null, "a new exchange in the hook's logs");
        assertThat(b.find("#hook-logs li[data-type=seccft]").getText()).contains("Token issued to " + APP).contains("read:data extra");
    }

    @Test
    @Order(16)
    void applicationMetadataSecretRotationAndDelete() {
        go("#/applications/" + clientId);
        b.click("#add-metadata");
        b.all("#metadata-rows [data-meta-key]").get(0).sendKeys("plan");
        b.all("#metadata-rows [data-meta-value]").get(0).sendKeys("gold");
        b.click("#app-settings button[type=submit]");
        b.findWithText(".toast", "Application saved");
        assertThat(server.apiOk("GET", "/clients/" + clientId, null, 200).get("client_metadata").get("plan").asText()).isEqualTo("gold");
        b.click("#tab-credentials");
        b.click("#rotate-secret");
        b.click("dialog[open] [data-confirm]");
        String rotated = b.find("#new-client-secret").getText();
        assertThat(rotated).isNotEqualTo(clientSecret).hasSizeGreaterThanOrEqualTo(43);
        b.screenshot("17-application-secret-rotated");
        b.click("#secret-dialog .btn-primary");
        assertThat(server.tokenForm(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret,
                "audience", API)).status()).isEqualTo(401);
        clientSecret = rotated;
        assertThat(server.accessToken(clientId, clientSecret, API)).isNotBlank();

        var other = server.createApp("Short-lived app");
        go("#/applications/" + other.get("client_id").asText());
        b.click("#delete-app");
        b.click("dialog[open] [data-confirm]");
        b.find("#create-app");
        assertThat(b.all("tr[data-app='Short-lived app']")).isEmpty();
        assertThat(server.api("GET", "/clients/" + other.get("client_id").asText(), null).status()).isEqualTo(404);
        go("#/applications");
        b.find("tr[data-app='" + APP + "']");
        b.screenshot("18-applications");
    }

    @Test
    @Order(17)
    void apiSettingsAndDelete() {
        var api = server.createApi("https://api.example.com/temporary", "a:b");
        go("#/apis/" + api.get("id").asText() + "/settings");
        var lifetime = b.find("#api-settings input[name=token_lifetime]");
        lifetime.clear();
        lifetime.sendKeys("3600");
        b.click("#api-settings button[type=submit]");
        b.findWithText(".toast", "Settings saved");
        assertThat(server.apiOk("GET", "/resource-servers/" + api.get("id").asText(), null, 200).get("token_lifetime").asInt()).isEqualTo(3600);
        b.click("#tab-permissions");
        b.click("tr[data-scope='a:b'] button");
        b.findWithText("#panel-permissions", "No permissions yet");
        b.click("#tab-settings");
        b.click("#delete-api");
        b.click("dialog[open] [data-confirm]");
        b.find("#create-api");
        assertThat(server.api("GET", "/resource-servers/" + api.get("id").asText(), null).status()).isEqualTo(404);
    }

    @Test
    @Order(20)
    void signOut() {
        go("#/hooks");
        b.click("#sign-out");
        b.findWithText(".notice", "You are signed out.");
        go("#/hooks");
        b.find("#username");
    }
}
