package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tokenhook apis / apps / grants}: create, list, show, update, delete, by name or id. */
class ApisAppsGrantsCommandTest {
    private static TestServer server;
    private static CliRunner cli;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        cli = CliRunner.loggedIn(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void apisAreCreatedListedShownUpdatedAndDeleted() {
        var created = cli.run("apis", "create", "-n", "Orders", "-i", "https://orders.example", "-s", "read:orders,write:orders", "-l", "3600").assertOk();
        assertThat(created.out()).contains("API Orders created.").contains("Scopes:          read:orders write:orders")
                .contains("Token lifetime:  3600 s");

        assertThat(cli.run("apis", "ls").assertOk().out()).containsPattern("Orders +https://orders.example +RS256 +read:orders write:orders")
                .contains("Auth0 Management API (system)");
        JsonNode list = cli.run("apis", "ls", "-o", "json").assertOk().json();
        assertThat(list.isArray()).isTrue();
        String id = null;
        for (JsonNode a : list) if (a.path("identifier").asText().equals("https://orders.example")) id = a.path("id").asText();

        assertThat(cli.run("apis", "show", "https://orders.example", "-o", "json").assertOk().json().path("id").asText()).isEqualTo(id);
        assertThat(cli.run("apis", "show", id).assertOk().out()).contains("Identifier:      https://orders.example");

        cli.run("apis", "update", "Orders", "--add-scopes", "admin:orders", "--remove-scopes", "write:orders", "-n", "Order API").assertOk();
        JsonNode updated = cli.run("apis", "show", "Order API", "-o", "json").assertOk().json();
        assertThat(updated.path("scopes").findValuesAsText("value")).containsExactly("read:orders", "admin:orders");

        cli.run("apis", "update", "Order API").assertExit(2);
        cli.run("apis", "update", "Order API", "--remove-scopes", "nope").assertExit(2);
        cli.run("apis", "rm", "Order API").assertExit(2);
        assertThat(cli.run("apis", "rm", "Order API", "-y").assertOk().out()).contains("API Order API (https://orders.example) deleted.");
        var gone = cli.run("apis", "show", "Order API");
        gone.assertExit(1);
        assertThat(gone.errorLine()).isEqualTo("tokenhook: unknown API 'Order API' (tokenhook apis ls lists them)");
    }

    @Test
    void apisCreateWhenTheServerRefusesThenOneLine() {
        cli.run("apis", "create", "-i", "urn:dup").assertOk();
        var dup = cli.run("apis", "create", "-i", "urn:dup");
        dup.assertExit(1);
        assertThat(dup.errorLine()).isEqualTo("tokenhook: A resource server with the same identifier already exists. (409 resource_server_conflict)");

        var badAlg = cli.run("apis", "create", "-i", "urn:bad", "--signing-alg", "none");
        badAlg.assertExit(1);
        assertThat(badAlg.errorLine()).contains("No enum match for: none").endsWith("(400 invalid_body)");
    }

    @Test
    void anEdDsaApiCreatedFromTheCliIssuesTokensTheCliVerifiesAgainstTheJwks() {
        var created = cli.run("apis", "create", "-n", "Ledger", "-i", "urn:ledger", "-s", "read", "--signing-alg", "EdDSA").assertOk();
        assertThat(created.out()).containsPattern("Signing alg: +EdDSA");
        JsonNode app = cli.run("apps", "create", "-n", "Ledger reader", "-o", "json").assertOk().json();
        cli.run("grants", "create", "--app", "Ledger reader", "--api", "urn:ledger", "--scopes", "read").assertOk();
        JsonNode decoded = cli.run("token", "get", "--audience", "urn:ledger", "--client-id", app.path("client_id").asText(),
                "--client-secret", app.path("client_secret").asText(), "--decode", "-o", "json").assertOk().json();
        assertThat(decoded.path("header").path("alg").asText()).isEqualTo("EdDSA");
        assertThat(decoded.path("verified").asBoolean()).isTrue();
        var text = cli.run("token", "get", "--audience", "urn:ledger", "--client-id", app.path("client_id").asText(),
                "--client-secret", app.path("client_secret").asText(), "--decode").assertOk();
        assertThat(text.out()).containsPattern("Signature: +verified with key \\S+ \\(EdDSA\\) from ");
    }

    @Test
    void ambiguousNamesAreAnErrorListingTheMatches() {
        cli.run("apis", "create", "-n", "Twin", "-i", "urn:twin:1").assertOk();
        cli.run("apis", "create", "-n", "Twin", "-i", "urn:twin:2").assertOk();
        var result = cli.run("apis", "show", "Twin");
        result.assertExit(1);
        assertThat(result.errorLine()).startsWith("tokenhook: 2 APIs are named 'Twin': Twin (urn:twin:1, id ")
                .contains("Twin (urn:twin:2, id ").endsWith("; use the id instead");
        cli.run("apis", "show", "urn:twin:2").assertOk();
    }

    @Test
    void appsAreCreatedWithTheirSecretShownOnceThenManaged() {
        var created = cli.run("apps", "create", "-n", "Billing", "-d", "Billing jobs", "-m", "plan=gold").assertOk();
        assertThat(created.out()).contains("Application Billing created.").containsPattern("client_id: +[A-Za-z0-9]{32}")
                .containsPattern("client_secret: +\\S{43}").contains("The client secret is shown only now");

        JsonNode app = cli.run("apps", "show", "Billing", "-o", "json").assertOk().json();
        assertThat(app.has("client_secret")).isFalse();
        assertThat(app.path("client_metadata").path("plan").asText()).isEqualTo("gold");
        String clientId = app.path("client_id").asText();
        assertThat(cli.run("apps", "ls").assertOk().out()).containsPattern("Billing +" + clientId + " +non_interactive +Billing jobs");

        cli.run("apps", "update", clientId, "-m", "region=eu", "--remove-metadata", "plan", "-n", "Billing v2").assertOk();
        JsonNode updated = cli.run("apps", "show", "Billing v2", "-o", "json").assertOk().json();
        assertThat(updated.path("client_metadata").toString()).isEqualTo("{\"region\":\"eu\"}");
        cli.run("apps", "update", "Billing v2", "-m", "novalue").assertExit(2);

        JsonNode rotated = cli.run("apps", "rotate-secret", "Billing v2", "-y", "-o", "json").assertOk().json();
        String secret = rotated.path("client_secret").asText();
        assertThat(secret).hasSize(43);
        cli.run("apps", "rotate-secret", "Billing v2").assertExit(2);

        cli.run("apis", "create", "-i", "urn:billing", "-s", "bill").assertOk();
        cli.run("grants", "create", "-a", "Billing v2", "--api", "urn:billing", "-s", "bill").assertOk();
        cli.run("token", "get", "--audience", "urn:billing", "--client-id", clientId, "--client-secret", secret).assertOk();
        assertThat(cli.run("apps", "show", clientId).assertOk().out()).contains("Granted APIs:  urn:billing (bill)");

        cli.run("apps", "rm", "Billing v2", "-y").assertOk();
        cli.run("apps", "show", clientId).assertExit(1);
    }

    @Test
    void rotatingTheProfilesOwnSecretUpdatesTheProfile() {
        var own = CliRunner.loggedIn(server);
        JsonNode app = own.run("apps", "create", "-n", "Second admin", "-o", "json").assertOk().json();
        String id = app.path("client_id").asText();
        var scopes = server.apiOk("GET", "/resource-servers/" + java.net.URLEncoder.encode(server.managementAudience(),
                java.nio.charset.StandardCharsets.UTF_8), null, 200).path("scopes").findValuesAsText("value");
        server.grant(id, server.managementAudience(), scopes.toArray(String[]::new));
        own.run("login", "--url", server.baseUrl(), "--client-id", id, "--client-secret", app.path("client_secret").asText()).assertOk();

        var rotated = own.run("apps", "rotate-secret", id, "-y").assertOk();
        assertThat(rotated.out()).contains("Profile 'default' now uses the new secret.");
        own.run("apps", "ls").assertOk();
        own.run("logout").assertOk();
    }

    @Test
    void grantsAreCreatedListedUpdatedAndRemovedByIdOrByAppAndApi() {
        cli.run("apis", "create", "-n", "Inventory", "-i", "https://inventory.example", "-s", "read,write,admin").assertOk();
        cli.run("apps", "create", "-n", "Warehouse").assertOk();

        var created = cli.run("grants", "create", "--app", "Warehouse", "--api", "Inventory", "--scopes", "read").assertOk();
        assertThat(created.out()).contains("Warehouse may now get tokens for https://inventory.example with scopes read.");
        var table = cli.run("grants", "ls", "--app", "Warehouse").assertOk().out();
        assertThat(table).containsPattern("cgr_\\S+ +Warehouse +https://inventory.example +read");
        JsonNode grants = cli.run("grants", "ls", "--api", "https://inventory.example", "-o", "json").assertOk().json();
        assertThat(grants).hasSize(1);
        String grantId = grants.get(0).path("id").asText();

        cli.run("grants", "update", "--app", "Warehouse", "--api", "Inventory", "--add-scopes", "write,admin").assertOk();
        cli.run("grants", "update", grantId, "--remove-scopes", "admin").assertOk();
        assertThat(cli.run("grants", "ls", "--app", "Warehouse", "-o", "json").assertOk().json().get(0).path("scope").toString())
                .isEqualTo("[\"read\",\"write\"]");

        var undefined = cli.run("grants", "update", grantId, "--add-scopes", "delete");
        undefined.assertExit(1);
        assertThat(undefined.errorLine()).contains("Scopes not defined by the resource server: delete").endsWith("(400 invalid_body)");
        cli.run("grants", "update", grantId).assertExit(2);
        cli.run("grants", "rm", "--app", "Warehouse").assertExit(2);
        var dup = cli.run("grants", "create", "--app", "Warehouse", "--api", "Inventory");
        dup.assertExit(1);
        assertThat(dup.errorLine()).endsWith("(409 client_grant_conflict)");

        cli.run("grants", "rm", "--app", "Warehouse", "--api", "Inventory", "-y").assertOk();
        var none = cli.run("grants", "rm", "--app", "Warehouse", "--api", "Inventory", "-y");
        none.assertExit(1);
        assertThat(none.errorLine()).startsWith("tokenhook: application Warehouse (").endsWith(") has no grant for https://inventory.example");
        var unknownApp = cli.run("grants", "create", "--app", "Nobody", "--api", "Inventory");
        unknownApp.assertExit(1);
        assertThat(unknownApp.errorLine()).isEqualTo("tokenhook: unknown application 'Nobody' (tokenhook apps ls lists them)");
    }
}
