package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A client of the Management API ({@code {url}api/v2}) for one {@link Profile}. It gets its bearer token by the
 * client credentials exchange, caches it in the config directory until shortly before it expires, and on a
 * 401 (a revoked key, a rotated secret) gets a fresh one and retries once.
 */
final class ManagementClient {
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    static final int PAGE_SIZE = 100;

    private final Http http;
    private final Profile profile;
    private final CliConfig config;
    private final OAuthClient oauth;
    private final InstantSource clock;
    private String token;

    ManagementClient(Http http, Profile profile, CliConfig config, InstantSource clock) {
        this.http = http;
        this.profile = profile;
        this.config = config;
        this.oauth = new OAuthClient(http, profile.url());
        this.clock = clock;
    }

    Profile profile() {
        return profile;
    }

    OAuthClient oauth() {
        return oauth;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode get(String path, Urls.Query query) {
        return send("GET", path + query.toQueryString(), null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    JsonNode delete(String path, Object body) {
        return send("DELETE", path, body);
    }

    /** Every item of a paged list ({@code page}/{@code per_page}), as one array. */
    ArrayNode listAll(String path, Urls.Query query) {
        ArrayNode all = Http.JSON.createArrayNode();
        for (int page = 0; ; page++) {
            JsonNode items = get(path, query.put("page", page).put("per_page", PAGE_SIZE));
            if (items == null || !items.isArray()) throw CliException.failure("unexpected answer from " + path);
            all.addAll((ArrayNode) items);
            if (items.size() < PAGE_SIZE) return all;
        }
    }

    /** One Management API call; a refusal becomes a one-line {@link CliException}. */
    JsonNode send(String method, String path, Object body) {
        Http.Reply reply = http.exchange(build(method, path, body, bearer()));
        if (reply.status() == 401) {
            renewToken();
            reply = http.exchange(build(method, path, body, bearer()));
        }
        if (!reply.ok()) throw Http.refusal(reply.status(), reply.body());
        return reply.body();
    }

    /** Opens a streaming GET (Server-Sent Events) and returns the response once its headers arrive. */
    HttpResponse<InputStream> openStream(String pathAndQuery, String lastEventId) {
        for (int attempt = 0; ; attempt++) {
            var request = Http.request(profile.url() + "api/v2" + pathAndQuery).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + bearer());
            if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
            HttpResponse<InputStream> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 200) return response;
            JsonNode body;
            try (InputStream in = response.body()) {
                body = Http.parse(in.readAllBytes());
            } catch (java.io.IOException e) {
                body = null;
            }
            if (response.statusCode() == 401 && attempt == 0) {
                renewToken();
                continue;
            }
            throw Http.refusal(response.statusCode(), body);
        }
    }

    private HttpRequest build(String method, String path, Object body, String bearer) {
        var request = Http.request(profile.url() + "api/v2" + path).timeout(Http.TIMEOUT).header("Authorization", "Bearer " + bearer);
        if (body == null) return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        return request.header("Content-Type", "application/json").method(method, Http.json(body)).build();
    }

    private String bearer() {
        if (token == null) {
            token = config.cachedToken(profile, clock.instant().plus(EXPIRY_MARGIN)).orElseGet(this::fetchToken);
        }
        return token;
    }

    private void renewToken() {
        config.dropToken(profile);
        token = fetchToken();
    }

    private String fetchToken() {
        String audience = profile.audience() != null ? profile.audience() : oauth.managementAudience();
        JsonNode response = oauth.exchange(profile.clientId(), profile.clientSecret(), audience, null);
        Instant now = clock.instant();
        String accessToken = response.get("access_token").asText();
        long lifetime = response.path("expires_in").asLong(0);
        if (lifetime > 2 * EXPIRY_MARGIN.toSeconds()) config.storeToken(profile, accessToken, now.plusSeconds(lifetime), now);
        return accessToken;
    }
}
