package io.tokenhook.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenhook.support.TestServer;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers shared by the Management API and log tests: scoped callers, the error envelope, raw requests, log polling. */
public final class ApiTests {
    /** Every scope the bootstrap admin holds. */
    public static final List<String> ALL_SCOPES = allScopes();

    private ApiTests() {}

    private static List<String> allScopes() {
        var scopes = new ArrayList<String>();
        for (String resource : List.of("clients", "resource_servers", "client_grants", "hooks", "logs", "signing_keys")) {
            for (String verb : List.of("read", "create", "update", "delete")) scopes.add(verb + ":" + resource);
        }
        scopes.add("read:client_keys");
        scopes.add("update:client_keys");
        return List.copyOf(scopes);
    }

    /** A Management API caller other than the bootstrap admin. */
    public record Caller(String clientId, String clientSecret, String token) {}

    /** A new application granted exactly {@code scopes} on the Management API, with a token. */
    public static Caller managementCaller(TestServer server, String name, String... scopes) {
        var app = server.createApp(name);
        String id = app.get("client_id").asText();
        String secret = app.get("client_secret").asText();
        server.grant(id, server.managementAudience(), scopes);
        return new Caller(id, secret, server.accessToken(id, secret, server.managementAudience()));
    }

    /** Asserts Auth0's error envelope: JSON {statusCode, error, message, errorCode}. */
    public static JsonNode assertError(TestServer.Response r, int status, String errorCode) {
        assertThat(r.status()).as("status of %s", r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.path("statusCode").asInt()).isEqualTo(status);
        assertThat(body.path("error").asText()).isEqualTo(ApiError.reason(status));
        assertThat(body.path("message").asText()).isNotBlank();
        if (errorCode != null) assertThat(body.path("errorCode").asText()).isEqualTo(errorCode);
        return body;
    }

    /** A request with a raw body and content type; {@code contentType} null sends none. */
    public static TestServer.Response raw(TestServer server, String method, String path, String contentType, byte[] body) {
        var r = server.request("/api/v2" + path).header("Authorization", "Bearer " + server.adminToken())
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) r.header("Content-Type", contentType);
        return server.send(r);
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** GET /logs with {@code query} (already a query string), as the admin. */
    public static JsonNode logs(TestServer server, String query) {
        return server.apiOk("GET", "/logs?" + query, null, 200);
    }

    /**
     * Polls {@code GET /logs?q=<q>&per_page=100} until {@code done} holds for the result (events are written
     * asynchronously in batches), for at most five seconds; returns the last result.
     */
    public static JsonNode awaitLogs(TestServer server, String q, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            JsonNode logs = logs(server, "per_page=100&q=" + enc(q));
            if (done.test(logs) || System.nanoTime() > deadline) return logs;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return logs;
            }
        }
    }

    /** Polls until at least {@code count} events match {@code q}. */
    public static JsonNode awaitLogs(TestServer server, String q, int count) {
        JsonNode logs = awaitLogs(server, q, l -> l.size() >= count);
        assertThat(logs.size()).as("events matching %s", q).isGreaterThanOrEqualTo(count);
        return logs;
    }
}
